package io.sluice.sandbox.clb;

import static io.sluice.sandbox.clb.ClbFixture.function;
import static io.sluice.sandbox.clb.ClbFixture.target;
import static io.sluice.sandbox.clb.ClbFixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.scf.FunctionRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

final class ClbFunctionTargetsTest {
  private final ClbFixture f = new ClbFixture();

  @Test
  void bindsAnEventFunctionToARuleWhenTheTaskCompletes() {
    f.api.call(
        "RegisterFunctionTargets", f.onRule().put("FunctionTargets", function("web", "live", 66)));
    assertThat(f.ruleBackends().functions()).isEmpty();
    f.completeTasks();

    assertThat(f.ruleBackends().functions())
        .containsExactly(new FunctionTarget(new FunctionRef("default", "web", "live"), null, 66));
    JsonObject rule =
        f.describeTargets()
            .getJsonArray("Listeners")
            .getJsonObject(0)
            .getJsonArray("Rules")
            .getJsonObject(0);
    JsonObject bound = rule.getJsonArray("FunctionTargets").getJsonObject(0);
    assertThat(bound.getJsonObject("Function").getString("FunctionName")).isEqualTo("web");
    assertThat(bound.getInteger("Weight")).isEqualTo(66);
  }

  @Test
  void onlyHttpAndHttpsListenersTakeFunctions() {
    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onTcp().put("FunctionTargets", function("web", "1", 10))))
        .isEqualTo("InvalidParameter.ProtocolCheckFailed");
  }

  @Test
  void aRuleTakesOnlyOneFunction() {
    f.api.call(
        "RegisterFunctionTargets", f.onRule().put("FunctionTargets", function("web", "1", 10)));
    f.completeTasks();

    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("web", "live", 10))))
        .isEqualTo("LimitExceeded");
    JsonArray two = function("web", "1", 10).addAll(function("web", "live", 10));
    assertThat(f.api.error("ModifyFunctionTargets", f.onRule().put("FunctionTargets", two)))
        .isEqualTo("LimitExceeded");
  }

  @Test
  void rejectsFunctionsThatCannotBackAClb() {
    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("http-fn", "$LATEST", 10))))
        .isEqualTo("FailedOperation");
    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("far", "$LATEST", 10))))
        .isEqualTo("FailedOperation");
    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("ghost", "$LATEST", 10))))
        .isEqualTo("InvalidParameterValue");
    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("web", "7", 10))))
        .isEqualTo("InvalidParameterValue");
    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("web", "1", 101))))
        .isEqualTo("InvalidParameterValue.Range");
  }

  @Test
  void byDefaultARuleWithCvmTargetsRefusesAFunctionAndViceVersa() {
    f.registerOnRule(target("ins-aaaa1111", 80));
    assertThat(
            f.api.error(
                "RegisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("web", "1", 10))))
        .isEqualTo("FailedOperation");

    f.api.call("DeregisterTargets", f.onRule().put("Targets", targets(target("ins-aaaa1111", 80))));
    f.completeTasks();
    f.api.call(
        "RegisterFunctionTargets", f.onRule().put("FunctionTargets", function("web", "1", 10)));
    f.completeTasks();
    assertThat(
            f.api.error(
                "RegisterTargets", f.onRule().put("Targets", targets(target("ins-aaaa1111", 80)))))
        .isEqualTo("FailedOperation");
  }

  @Test
  void whenMixingIsAllowedARuleHoldsCvmTargetsAndAFunction() {
    ClbFixture mixed =
        new ClbFixture(TaskSettings.defaults(), new ClbSettings(MixedRuleTargets.ALLOWED));
    mixed.registerOnRule(target("ins-aaaa1111", 80));
    mixed.api.call(
        "RegisterFunctionTargets", mixed.onRule().put("FunctionTargets", function("web", "1", 10)));
    mixed.completeTasks();
    mixed.registerOnRule(target("ins-bbbb2222", 80));

    assertThat(mixed.ruleBackends().targets()).hasSize(2);
    assertThat(mixed.ruleBackends().functions()).hasSize(1);
  }

  @Test
  void modifyFunctionTargetsSwitchesTheQualifierAndWeight() {
    f.api.call(
        "RegisterFunctionTargets",
        f.onRule().put("FunctionTargets", function("web", "$LATEST", 10)));
    f.completeTasks();

    f.api.call(
        "ModifyFunctionTargets", f.onRule().put("FunctionTargets", function("web", "1", 40)));
    f.completeTasks();

    assertThat(f.ruleBackends().functions())
        .containsExactly(new FunctionTarget(new FunctionRef("default", "web", "1"), null, 40));
  }

  @Test
  void modifyingAFunctionThatIsNotBoundIsRejected() {
    assertThat(
            f.api.error(
                "ModifyFunctionTargets",
                f.onRule().put("FunctionTargets", function("web", "1", 40))))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void deregisterFunctionTargetsUnbindsIt() {
    f.api.call(
        "RegisterFunctionTargets", f.onRule().put("FunctionTargets", function("web", "1", 10)));
    f.completeTasks();

    f.api.call(
        "DeregisterFunctionTargets", f.onRule().put("FunctionTargets", function("web", "1", 10)));
    String taskId = f.api.lastRequestId();
    f.completeTasks();

    assertThat(f.taskStatus(taskId).getInteger("Status")).isZero();
    assertThat(f.ruleBackends().functions()).isEmpty();
    assertThat(
            f.api.error(
                "DeregisterFunctionTargets",
                f.onRule().put("FunctionTargets", function("web", "1", 10))))
        .isEqualTo("InvalidParameterValue");
  }
}
