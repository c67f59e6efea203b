package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.api.Readiness.Member;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ReadinessTest {

  @Test
  void readyOnlyOnceTheCloudIsReadAndEveryBackendHasAResult() {
    assertThat(new Readiness(false, List.of(), List.of()).status()).isEqualTo(503);
    assertThat(new Readiness(true, List.of("shop/scf"), List.of()).status()).isEqualTo(503);
    assertThat(new Readiness(true, List.of(), List.of()).status()).isEqualTo(200);
  }

  @Test
  void theBodySaysWhatIsMissing() {
    assertThat(new Readiness(false, List.of("shop/cvm", "shop/scf"), List.of()).body())
        .isEqualTo(
            "starting: reading the cloud's routing\n"
                + "starting: no probe result yet for shop/cvm\n"
                + "starting: no probe result yet for shop/scf\n");
  }

  @Test
  void escalationsAreListedWithoutMakingTheDaemonUnready() {
    Readiness readiness = new Readiness(true, List.of(), List.of("shop/shop: not moved"));

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body()).isEqualTo("ready\nescalated: shop/shop: not moved\n");
  }

  static final Optional<ReplicaInfo> LEADER = Optional.of(new ReplicaInfo("a", "https://a:7070"));

  /** A follower writes nothing to the cloud: its probes and the group are what it needs. */
  @Test
  void aFollowerIsReadyWithoutReadingTheCloudOnceConnectedAndProbing() {
    Member follower = new Member(Role.FOLLOWING, true, 0, LEADER);
    Readiness ready = new Readiness(false, List.of(), List.of(), follower);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\nrole: follower of a (https://a:7070)\n");

    assertThat(new Readiness(false, List.of("shop/scf"), List.of(), follower).status())
        .isEqualTo(503);
    Readiness cutOff =
        new Readiness(true, List.of(), List.of(), new Member(Role.FOLLOWING, false, 0, LEADER));
    assertThat(cutOff.status()).isEqualTo(503);
    assertThat(cutOff.body())
        .isEqualTo(
            "role: follower of a (https://a:7070)\nnot connected to the group (ZooKeeper)\n");
    assertThat(
            new Readiness(
                    true,
                    List.of(),
                    List.of(),
                    new Member(Role.FOLLOWING, true, 0, Optional.empty()))
                .body())
        .isEqualTo("ready\nrole: follower, no leader known\n");
  }

  @Test
  void aFollowerNamesTheGroupsEpochOnceItHasReadIt() {
    Member follower = new Member(Role.FOLLOWING, true, 7, LEADER);

    assertThat(new Readiness(false, List.of(), List.of(), follower).body())
        .isEqualTo("ready\nrole: follower of a (https://a:7070); the group is in epoch 7\n");
  }

  @Test
  void theLeaderIsReadyOnTheSoloTermsAndSaysItsEpoch() {
    Member leader = new Member(Role.LEADING, true, 7, LEADER);
    assertThat(new Readiness(false, List.of(), List.of(), leader).body())
        .isEqualTo("role: leader in epoch 7\nstarting: reading the cloud's routing\n");
    assertThat(new Readiness(true, List.of(), List.of(), leader).body())
        .isEqualTo("ready\nrole: leader in epoch 7\n");
    assertThat(new Readiness(true, List.of(), List.of(), leader).status()).isEqualTo(200);
  }
}
