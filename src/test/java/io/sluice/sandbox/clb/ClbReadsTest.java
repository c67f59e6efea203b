package io.sluice.sandbox.clb;

import static io.sluice.sandbox.clb.ClbFixture.function;
import static io.sluice.sandbox.clb.ClbFixture.target;
import static io.sluice.sandbox.clb.ClbFixture.targets;
import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.clb.v20180317.models.DescribeListenersResponse;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetHealthResponse;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetsResponse;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusResponse;
import com.tencentcloudapi.clb.v20180317.models.TargetHealth;
import io.sluice.sandbox.SdkContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

final class ClbReadsTest {
  private final ClbFixture f = new ClbFixture();

  @Test
  void describeListenersFiltersByProtocolAndPortAndMatchesTheSdk() {
    JsonObject all =
        f.api.call(
            "DescribeListeners", new JsonObject().put("LoadBalancerId", f.lb.loadBalancerId()));
    JsonObject tcpOnly =
        f.api.call(
            "DescribeListeners",
            new JsonObject().put("LoadBalancerId", f.lb.loadBalancerId()).put("Protocol", "TCP"));
    JsonObject byPort =
        f.api.call(
            "DescribeListeners",
            new JsonObject().put("LoadBalancerId", f.lb.loadBalancerId()).put("Port", 80));

    DescribeListenersResponse sdk = SdkContract.parse(all, DescribeListenersResponse.class);
    assertThat(sdk.getTotalCount()).isEqualTo(2);
    assertThat(sdk.getListeners()[0].getRules()[0].getLocationId()).isEqualTo(f.rule.locationId());
    assertThat(tcpOnly.getJsonArray("Listeners")).hasSize(1);
    assertThat(byPort.getJsonArray("Listeners").getJsonObject(0).getString("ListenerId"))
        .isEqualTo(f.http.listenerId());
    assertThat(
            f.api.error("DescribeListeners", new JsonObject().put("LoadBalancerId", "lb-nothere")))
        .isEqualTo("InvalidParameter.LBIdNotFound");
  }

  @Test
  void describeTargetsShowsRulesForLayerSevenAndMatchesTheSdk() {
    f.registerOnRule(target("ins-aaaa1111", 80).put("Weight", 20));

    DescribeTargetsResponse sdk =
        SdkContract.parse(f.describeTargets(), DescribeTargetsResponse.class);

    var rule = sdk.getListeners()[0].getRules()[0];
    assertThat(rule.getDomain()).isEqualTo("api.example.com");
    assertThat(rule.getTargets()[0].getWeight()).isEqualTo(20);
    assertThat(rule.getTargets()[0].getType()).isEqualTo("CVM");
    assertThat(rule.getFunctionTargets()).isEmpty();
  }

  @Test
  void describeTargetsFunctionTargetsMatchTheSdk() {
    f.api.call(
        "RegisterFunctionTargets", f.onRule().put("FunctionTargets", function("web", "live", 66)));
    f.completeTasks();

    DescribeTargetsResponse sdk =
        SdkContract.parse(f.describeTargets(), DescribeTargetsResponse.class);

    var bound = sdk.getListeners()[0].getRules()[0].getFunctionTargets()[0];
    assertThat(bound.getFunction().getFunctionQualifier()).isEqualTo("live");
    assertThat(bound.getWeight()).isEqualTo(66);
  }

  @Test
  void describeTargetsFiltersByLocationId() {
    Rule other =
        f.state.createRule(f.lb.loadBalancerId(), f.http.listenerId(), "api.example.com", "/v2");
    JsonObject req =
        new JsonObject()
            .put("LoadBalancerId", f.lb.loadBalancerId())
            .put(
                "Filters",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("Name", "location-id")
                            .put("Values", new JsonArray().add(other.locationId()))));

    JsonArray listeners = f.api.call("DescribeTargets", req).getJsonArray("Listeners");

    assertThat(listeners).hasSize(1);
    assertThat(listeners.getJsonObject(0).getJsonArray("Rules").getJsonObject(0).getString("Url"))
        .isEqualTo("/v2");
    req.getJsonArray("Filters").getJsonObject(0).put("Name", "tag");
    assertThat(f.api.error("DescribeTargets", req)).isEqualTo("InvalidParameter.InvalidFilter");
  }

  @Test
  void targetHealthIsUnknownUntilTheBoardSaysOtherwise() {
    f.registerOnRule(target("ins-aaaa1111", 80), target("ins-bbbb2222", 80));
    f.health.set(
        TargetHealthKey.of(
            f.lb.loadBalancerId(),
            new BackendSite(f.http.listenerId(), f.rule.locationId()),
            new TargetBinding("ins-bbbb2222", 80)),
        HealthStatusDetail.ALIVE);

    DescribeTargetHealthResponse sdk =
        SdkContract.parse(health(new JsonObject()), DescribeTargetHealthResponse.class);

    TargetHealth[] ts = sdk.getLoadBalancers()[0].getListeners()[0].getRules()[0].getTargets();
    assertThat(ts[0].getHealthStatus()).isFalse();
    assertThat(ts[0].getHealthStatusDetail()).isEqualTo("Unknown");
    assertThat(ts[1].getIP()).isEqualTo("10.0.0.12");
    assertThat(ts[1].getHealthStatus()).isTrue();
    assertThat(ts[1].getHealthStatusDetail()).isEqualTo("Alive");
    assertThat(ts[1].getHealthStatusDetial()).isEqualTo("Alive");
    assertThat(ts[1].getWeight()).isEqualTo(10);
  }

  @Test
  void layerFourTargetHealthSitsOnARuleWithoutLocation() {
    f.api.call("RegisterTargets", f.onTcp().put("Targets", targets(target("ins-aaaa1111", 9000))));
    f.completeTasks();
    f.health.set(
        TargetHealthKey.of(
            f.lb.loadBalancerId(),
            new BackendSite(f.tcp.listenerId(), null),
            new TargetBinding("ins-aaaa1111", 9000)),
        HealthStatusDetail.DEAD);

    JsonObject lb =
        health(new JsonObject().put("ListenerIds", new JsonArray().add(f.tcp.listenerId())))
            .getJsonArray("LoadBalancers")
            .getJsonObject(0);

    JsonObject rule =
        lb.getJsonArray("Listeners").getJsonObject(0).getJsonArray("Rules").getJsonObject(0);
    assertThat(lb.getJsonArray("Listeners")).hasSize(1);
    assertThat(rule.getValue("LocationId")).isNull();
    assertThat(rule.getJsonArray("Targets").getJsonObject(0).getString("HealthStatusDetail"))
        .isEqualTo("Dead");
  }

  @Test
  void targetHealthFiltersByLocationAndLeavesUnknownLoadBalancersOut() {
    f.registerOnRule(target("ins-aaaa1111", 80));
    JsonObject req =
        new JsonObject()
            .put("LoadBalancerIds", new JsonArray().add(f.lb.loadBalancerId()).add("lb-nothere"))
            .put("LocationIds", new JsonArray().add("loc-other"));

    JsonArray lbs = f.api.call("DescribeTargetHealth", req).getJsonArray("LoadBalancers");

    assertThat(lbs).hasSize(1);
    JsonObject httpListener = lbs.getJsonObject(0).getJsonArray("Listeners").getJsonObject(0);
    assertThat(httpListener.getJsonArray("Rules")).isEmpty();
  }

  @Test
  void taskStatusMatchesTheSdk() {
    f.tasks.failNext("nope");
    f.api.call("RegisterTargets", f.onTcp().put("Targets", targets(target("ins-aaaa1111", 1))));
    f.completeTasks();

    DescribeTaskStatusResponse sdk =
        SdkContract.parse(f.taskStatus(f.api.lastRequestId()), DescribeTaskStatusResponse.class);

    assertThat(sdk.getStatus()).isEqualTo(1);
    assertThat(sdk.getMessage()).isEqualTo("nope");
    assertThat(sdk.getLoadBalancerIds()).containsExactly(f.lb.loadBalancerId());
  }

  @Test
  void anUnknownTaskIdIsResourceNotFoundByDefault() {
    assertThat(f.api.error("DescribeTaskStatus", new JsonObject().put("TaskId", "never-issued")))
        .isEqualTo("ResourceNotFound");
    assertThat(f.api.error("DescribeTaskStatus", new JsonObject())).isEqualTo("MissingParameter");
  }

  @Test
  void anUnknownTaskIdCanBeSetToReadAsSucceeded() {
    ClbFixture lenient =
        new ClbFixture(
            TaskSettings.defaults().withUnknownTask(UnknownTaskPolicy.SUCCEEDED),
            ClbSettings.defaults());

    DescribeTaskStatusResponse sdk =
        SdkContract.parse(lenient.taskStatus("never-issued"), DescribeTaskStatusResponse.class);

    assertThat(sdk.getStatus()).isZero();
  }

  private JsonObject health(JsonObject filters) {
    return f.api.call(
        "DescribeTargetHealth",
        filters.put("LoadBalancerIds", new JsonArray().add(f.lb.loadBalancerId())));
  }
}
