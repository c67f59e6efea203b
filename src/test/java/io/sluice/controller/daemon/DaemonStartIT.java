package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.controller.api.Tokens;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.journal.IntentJournal;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot listen fails before any probe runs, and releases what it opened. */
final class DaemonStartIT {
  @TempDir Path stateDir;

  @Test
  void aTakenPortFailsTheStartBeforeAnyProbeAndLeavesTheJournalUsable() throws Exception {
    try (EmbeddedCloud cloud = EmbeddedCloud.start(SandboxDaemon.demoWorld());
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      SluiceConfig config =
          new ConfigLoader(
                  cloud.env(
                      name ->
                          name.equals("SLUICE_DEMO_TOKEN_SHA256")
                              ? Tokens.sha256(Tokens.generate())
                              : System.getenv(name)))
              .load(Path.of("examples", "demo", "sluice.yaml"));
      DaemonOptions options =
          new DaemonOptions(
              cloud.clientSettings(),
              stateDir,
              new ListenAddress("127.0.0.1", taken.getLocalPort()),
              DaemonOptions.DEFAULT_TICK,
              false,
              System::nanoTime,
              Clock.systemUTC());
      long requestsBefore = cloud.sandbox().mutations().entries().size();

      assertThatThrownBy(
              () -> Daemon.start(config, cloud.credential(), options, CloudActuators.builder()))
          .hasRootCauseInstanceOf(BindException.class);

      assertThat(cloud.sandbox().mutations().entries()).hasSize((int) requestsBefore);
      try (IntentJournal journal = IntentJournal.open(stateDir, Clock.systemUTC())) {
        journal.intent("shop", "cvm=100,scf=0", "the journal was closed by the failed start");
        assertThat(journal.entries()).hasSize(1);
      }
    }
  }
}
