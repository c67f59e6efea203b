package io.sluice.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The log keeps the newest writes up to its capacity. */
final class MutationLogTest {
  @Test
  void dropsTheOldestBeyondItsCapacity() {
    MutationLog log = new MutationLog(2);
    for (int i = 1; i <= 3; i++) {
      log.record(
          new Mutation(Instant.EPOCH, "id", "name", "dnspod", "A" + i, new JsonObject(), "r" + i));
    }

    assertThat(log.entries()).extracting(Mutation::action).containsExactly("A2", "A3");
  }
}
