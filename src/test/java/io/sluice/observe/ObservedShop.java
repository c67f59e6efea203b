package io.sluice.observe;

import io.sluice.controller.daemon.SandboxDaemon;
import io.sluice.controller.notify.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Service shop of the demo (both actuators) under a daemon on the sandbox, telling a webhook of its
 * changes: what the observability ITs watch fail over.
 */
final class ObservedShop implements AutoCloseable {
  private static final List<String> INSTANCES = List.of("ins-shop0001", "ins-shop0002");

  final WebhookReceiver webhook;
  final SandboxDaemon sluice;

  private ObservedShop(WebhookReceiver webhook, SandboxDaemon sluice) {
    this.webhook = webhook;
    this.sluice = sluice;
  }

  /** Starts the daemon with its state in {@code dir}/state. */
  static ObservedShop start(Path dir) throws Exception {
    WebhookReceiver webhook = new WebhookReceiver(n -> 200);
    try {
      return new ObservedShop(
          webhook,
          SandboxDaemon.start(
              Path.of("examples", "demo", "world.yaml"),
              Path.of("src", "test", "resources", "observe", "shop.yaml"),
              Files.createDirectory(dir.resolve("state")),
              Clock.systemUTC(),
              Map.of("WEBHOOK_URL", webhook.url())));
    } catch (Exception | Error e) {
      webhook.close();
      throw e;
    }
  }

  int httpPort() {
    return sluice.daemon().httpPort();
  }

  /** Stops every CVM instance of shop: its CVM backend goes DOWN. */
  void stopCvm() {
    INSTANCES.forEach(id -> sluice.sandbox().instances().stop(id));
    sluice.sandbox().reconcileInstances();
  }

  @Override
  public void close() throws Exception {
    try {
      sluice.close();
    } finally {
      webhook.close();
    }
  }
}
