package io.sluice.testing;

import io.sluice.controller.config.ConfigException;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.RouteSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** examples/sandbox-demo.yaml, the config the reconcile tests run the demo's failover on. */
public final class DemoConfig {
  private DemoConfig() {}

  /** The demo service's one route, loaded without environment variables. */
  public static RouteSettings route() throws IOException, ConfigException {
    return new ConfigLoader(name -> null)
        .parse("sandbox-demo.yaml", Files.readString(Path.of("examples", "sandbox-demo.yaml")))
        .services()
        .getFirst()
        .routes(false)
        .getFirst();
  }
}
