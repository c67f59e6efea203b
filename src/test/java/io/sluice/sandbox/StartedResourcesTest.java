package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StartedResourcesTest {
  private final List<String> stopped = new ArrayList<>();
  private final StartedResources started = new StartedResources();

  @Test
  void stopsInReverseOrderOfStarting() {
    startAll("Vert.x", "data plane", "API server");

    started.stopAll();

    assertThat(stopped).containsExactly("API server", "data plane", "Vert.x");
  }

  @Test
  void aFailureToStopOneStillStopsTheOthersAndIsReported() {
    startAll("Vert.x");
    started.start("data plane", () -> "plane", p -> Future.failedFuture("stuck worker"));
    startAll("API server");

    assertThatThrownBy(started::stopAll).hasMessage("stopping data plane failed");
    assertThat(stopped).containsExactly("API server", "Vert.x");
  }

  @Test
  void stoppingAfterAFailedStartKeepsTheStartFailureAndAddsTheStopFailures() {
    started.start("data plane", () -> "plane", p -> Future.failedFuture("stuck worker"));
    RuntimeException bindFailed = new IllegalStateException("port taken");

    started.stopAfter(bindFailed);

    assertThat(bindFailed.getSuppressed())
        .singleElement()
        .satisfies(s -> assertThat(s).hasMessage("stopping data plane failed"));
  }

  @Test
  void aStepThatFailsToStartIsNotStopped() {
    StartedResources failing =
        new StartedResources(
            step -> {
              if (step.equals("admin API")) {
                throw new IllegalStateException("port taken");
              }
            });
    failing.start("Vert.x", () -> "Vert.x", this::stop);

    assertThatThrownBy(() -> failing.start("admin API", () -> "admin API", this::stop))
        .hasMessage("port taken");
    failing.stopAll();
    assertThat(stopped).containsExactly("Vert.x");
  }

  private void startAll(String... names) {
    for (String name : names) {
      started.start(name, () -> name, this::stop);
    }
  }

  private Future<Void> stop(String name) {
    stopped.add(name);
    return Future.succeededFuture();
  }
}
