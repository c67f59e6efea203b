package io.sluice.sandbox.clb;

import static io.sluice.sandbox.clb.ClbFixture.target;
import static io.sluice.sandbox.clb.ClbFixture.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.sandbox.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ClbTargetWritesTest {
  private final ClbFixture f = new ClbFixture();

  @Test
  void registeredTargetsAppearOnlyWhenTheTaskCompletes() {
    JsonObject answer =
        f.api.call(
            "RegisterTargets", f.onRule().put("Targets", targets(target("ins-aaaa1111", 8080))));
    String taskId = f.api.lastRequestId();

    assertThat(answer).isEqualTo(new JsonObject());
    assertThat(f.taskStatus(taskId).getInteger("Status")).isEqualTo(2);
    assertThat(f.ruleBackends().targets()).isEmpty();

    f.advance(ClbFixture.TASK.minusMillis(1));
    assertThat(f.taskStatus(taskId).getInteger("Status")).isEqualTo(2);
    f.advance(Duration.ofMillis(1));

    JsonObject done = f.taskStatus(taskId);
    assertThat(done.getInteger("Status")).isZero();
    assertThat(done.getJsonArray("LoadBalancerIds")).containsExactly(f.lb.loadBalancerId());
    assertThat(f.ruleBackends().targets()).containsExactly(new CvmTarget("ins-aaaa1111", 8080, 10));
  }

  @Test
  void aWriteOnABusyLoadBalancerIsResourceInOperating() {
    f.api.call("RegisterTargets", f.onRule().put("Targets", targets(target("ins-aaaa1111", 80))));

    assertThatThrownBy(
            () ->
                f.api.call(
                    "RegisterTargets",
                    f.onTcp().put("Targets", targets(target("ins-bbbb2222", 80)))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("FailedOperation.ResourceInOperating");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Your task is working (RegisterTargets). Pls wait for the task to complete and try again.");
            });
    f.completeTasks();
    f.api.call("RegisterTargets", f.onTcp().put("Targets", targets(target("ins-bbbb2222", 80))));
  }

  @Test
  void anInjectedFailureReportsStatusOneAndLeavesStateUnchanged() {
    f.tasks.failNext("backend busy");
    f.api.call("RegisterTargets", f.onRule().put("Targets", targets(target("ins-aaaa1111", 80))));
    String taskId = f.api.lastRequestId();
    f.completeTasks();

    JsonObject status = f.taskStatus(taskId);
    assertThat(status.getInteger("Status")).isEqualTo(1);
    assertThat(status.getString("Message")).isEqualTo("backend busy");
    assertThat(f.ruleBackends().targets()).isEmpty();
  }

  @Test
  void aFailureRateOfOneFailsEveryTask() {
    ClbFixture failing =
        new ClbFixture(TaskSettings.defaults().withFailureRate(1.0), ClbSettings.defaults());
    failing.api.call(
        "RegisterTargets", failing.onTcp().put("Targets", targets(target("ins-aaaa1111", 80))));
    String taskId = failing.api.lastRequestId();
    failing.completeTasks();

    assertThat(failing.taskStatus(taskId).getInteger("Status")).isEqualTo(1);
    assertThat(failing.tcpBackends().targets()).isEmpty();
  }

  @Test
  void theTaskDurationIsASetting() {
    ClbFixture slow =
        new ClbFixture(
            TaskSettings.defaults().withDuration(Duration.ofSeconds(5)), ClbSettings.defaults());
    slow.api.call(
        "RegisterTargets", slow.onTcp().put("Targets", targets(target("ins-aaaa1111", 80))));
    String taskId = slow.api.lastRequestId();
    slow.advance(Duration.ofSeconds(4));
    assertThat(slow.taskStatus(taskId).getInteger("Status")).isEqualTo(2);
    slow.advance(Duration.ofSeconds(1));
    assertThat(slow.taskStatus(taskId).getInteger("Status")).isZero();
  }

  @Test
  void findsTheRuleByDomainAndUrlWhenLocationIdIsAbsent() {
    JsonObject byName =
        new JsonObject()
            .put("LoadBalancerId", f.lb.loadBalancerId())
            .put("ListenerId", f.http.listenerId())
            .put("Domain", "api.example.com")
            .put("Url", "/")
            .put("Targets", targets(target("ins-aaaa1111", 80).put("Weight", 30)));
    f.api.call("RegisterTargets", byName);
    f.completeTasks();

    assertThat(f.ruleBackends().targets()).containsExactly(new CvmTarget("ins-aaaa1111", 80, 30));
  }

  @Test
  void locationIdWinsOverDomainAndUrl() {
    f.api.call(
        "RegisterTargets",
        f.onRule()
            .put("Domain", "nowhere.example.com")
            .put("Url", "/x")
            .put("Targets", targets(target("ins-aaaa1111", 80))));
    f.completeTasks();

    assertThat(f.ruleBackends().targets()).hasSize(1);
  }

  @Test
  void layerFourListenersHoldTargetsDirectly() {
    f.api.call("RegisterTargets", f.onTcp().put("Targets", targets(target("ins-bbbb2222", 9000))));
    f.completeTasks();

    JsonObject tcp = f.describeTargets().getJsonArray("Listeners").getJsonObject(1);
    assertThat(tcp.getString("Protocol")).isEqualTo("TCP");
    assertThat(tcp.getValue("Rules")).isNull();
    JsonObject backend = tcp.getJsonArray("Targets").getJsonObject(0);
    assertThat(backend.getString("InstanceId")).isEqualTo("ins-bbbb2222");
    assertThat(backend.getJsonArray("PrivateIpAddresses")).containsExactly("10.0.0.12");
  }

  @Test
  void rejectsWritesNamingWhatDoesNotExist() {
    JsonObject t = new JsonObject().put("Targets", targets(target("ins-aaaa1111", 80)));

    assertThat(
            f.api.error(
                "RegisterTargets", f.onRule().mergeIn(t).put("LoadBalancerId", "lb-nothere")))
        .isEqualTo("InvalidParameter.LBIdNotFound");
    assertThat(
            f.api.error("RegisterTargets", f.onRule().mergeIn(t).put("ListenerId", "lbl-nothere")))
        .isEqualTo("InvalidParameter.ListenerIdNotFound");
    assertThat(
            f.api.error("RegisterTargets", f.onRule().mergeIn(t).put("LocationId", "loc-nothere")))
        .isEqualTo("InvalidParameter.LocationNotFound");
    assertThat(
            f.api.error(
                "RegisterTargets",
                f.onRule()
                    .mergeIn(t)
                    .putNull("LocationId")
                    .put("Domain", "x.example.com")
                    .put("Url", "/")))
        .isEqualTo("InvalidParameter.LocationNotFound");
    assertThat(
            f.api.error(
                "RegisterTargets", f.onRule().put("Targets", targets(target("ins-unknown0", 80)))))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void rejectsWeightsOutsideZeroToOneHundred() {
    assertThat(
            f.api.error(
                "RegisterTargets",
                f.onRule().put("Targets", targets(target("ins-aaaa1111", 80).put("Weight", 101)))))
        .isEqualTo("InvalidParameterValue.Range");
    f.registerOnRule(target("ins-aaaa1111", 80));
    assertThat(
            f.api.error(
                "ModifyTargetWeight",
                f.onRule().put("Targets", targets(target("ins-aaaa1111", 80))).put("Weight", -1)))
        .isEqualTo("InvalidParameterValue.Range");
  }

  @Test
  void moreThanTwentyTargetsPerCallIsLimitExceeded() {
    JsonArray many = new JsonArray();
    for (int port = 1; port <= 21; port++) {
      many.add(target("ins-aaaa1111", port));
    }
    assertThat(f.api.error("RegisterTargets", f.onRule().put("Targets", many)))
        .isEqualTo("LimitExceeded");
    assertThat(f.api.error("DeregisterTargets", f.onRule().put("Targets", many)))
        .isEqualTo("LimitExceeded");
  }

  @Test
  void registeringABoundTargetAgainIsADuplicate() {
    f.registerOnRule(target("ins-aaaa1111", 80));

    assertThat(
            f.api.error(
                "RegisterTargets", f.onRule().put("Targets", targets(target("ins-aaaa1111", 80)))))
        .isEqualTo("InvalidParameterValue.Duplicate");
  }

  @Test
  void deregisterRemovesTheTargetAndItsHealthVerdict() {
    f.registerOnRule(target("ins-aaaa1111", 80), target("ins-bbbb2222", 80));
    TargetHealthKey key =
        TargetHealthKey.of(
            f.lb.loadBalancerId(),
            new BackendSite(f.http.listenerId(), f.rule.locationId()),
            new TargetBinding("ins-aaaa1111", 80));
    f.health.set(key, HealthStatusDetail.DEAD);

    f.api.call("DeregisterTargets", f.onRule().put("Targets", targets(target("ins-aaaa1111", 80))));
    f.completeTasks();

    assertThat(f.ruleBackends().targets()).containsExactly(new CvmTarget("ins-bbbb2222", 80, 10));
    assertThat(f.health.status(key)).isEqualTo(HealthStatusDetail.UNKNOWN);
  }

  @Test
  void deregisteringAnUnboundTargetIsRejected() {
    assertThat(
            f.api.error(
                "DeregisterTargets",
                f.onRule().put("Targets", targets(target("ins-aaaa1111", 80)))))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void modifyTargetWeightUsesEachTargetsWeightElseTheFallback() {
    f.registerOnRule(target("ins-aaaa1111", 80), target("ins-bbbb2222", 80));

    f.api.call(
        "ModifyTargetWeight",
        f.onRule()
            .put(
                "Targets",
                targets(target("ins-aaaa1111", 80).put("Weight", 0), target("ins-bbbb2222", 80)))
            .put("Weight", 55));
    f.completeTasks();

    assertThat(f.ruleBackends().targets())
        .containsExactly(
            new CvmTarget("ins-aaaa1111", 80, 0), new CvmTarget("ins-bbbb2222", 80, 55));
  }

  @Test
  void batchModifyTargetWeightChangesRulesAndListenersInOneTask() {
    f.registerOnRule(target("ins-aaaa1111", 80));
    f.api.call("RegisterTargets", f.onTcp().put("Targets", targets(target("ins-bbbb2222", 9000))));
    f.completeTasks();

    JsonArray modifyList =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("ListenerId", f.http.listenerId())
                    .put("LocationId", f.rule.locationId())
                    .put("Targets", targets(target("ins-aaaa1111", 80)))
                    .put("Weight", 0))
            .add(
                new JsonObject()
                    .put("ListenerId", f.tcp.listenerId())
                    .put("Targets", targets(target("ins-bbbb2222", 9000).put("Weight", 100))));
    f.api.call(
        "BatchModifyTargetWeight",
        new JsonObject()
            .put("LoadBalancerId", f.lb.loadBalancerId())
            .put("ModifyList", modifyList));
    assertThat(f.ruleBackends().targets().get(0).weight()).isEqualTo(10);
    f.completeTasks();

    assertThat(f.ruleBackends().targets()).containsExactly(new CvmTarget("ins-aaaa1111", 80, 0));
    assertThat(f.tcpBackends().targets()).containsExactly(new CvmTarget("ins-bbbb2222", 9000, 100));
  }

  @Test
  void batchModifyTargetWeightLimitsAreLimitExceeded() {
    assertThat(batchError(101, 1)).isEqualTo("LimitExceeded");
    assertThat(batchError(1, 51)).isEqualTo("LimitExceeded");
    assertThat(batchError(11, 46)).isEqualTo("LimitExceeded");
  }

  private String batchError(int rules, int targetsPerRule) {
    JsonArray modifyList = new JsonArray();
    for (int r = 0; r < rules; r++) {
      JsonArray ts = new JsonArray();
      for (int port = 1; port <= targetsPerRule; port++) {
        ts.add(target("ins-aaaa1111", port));
      }
      modifyList.add(new JsonObject().put("ListenerId", f.tcp.listenerId()).put("Targets", ts));
    }
    return f.api.error(
        "BatchModifyTargetWeight",
        new JsonObject()
            .put("LoadBalancerId", f.lb.loadBalancerId())
            .put("ModifyList", modifyList));
  }

  @Test
  void writesAreMarkedAsMutationsAndEveryActionIsLimitedToTwentyPerSecond() {
    var actions =
        ClbService.definition(
                f.state,
                f.tasks,
                f.scf,
                f.health,
                id -> java.util.Optional.empty(),
                ClbSettings.defaults())
            .actions();

    assertThat(actions).hasSize(11);
    assertThat(actions.values()).allSatisfy(a -> assertThat(a.ratePerSecond()).isEqualTo(20));
    assertThat(
            actions.entrySet().stream()
                .filter(e -> e.getValue().mutation())
                .map(e -> e.getKey())
                .sorted()
                .toList())
        .isEqualTo(
            List.of(
                "BatchModifyTargetWeight",
                "DeregisterFunctionTargets",
                "DeregisterTargets",
                "ModifyFunctionTargets",
                "ModifyTargetWeight",
                "RegisterFunctionTargets",
                "RegisterTargets"));
  }
}
