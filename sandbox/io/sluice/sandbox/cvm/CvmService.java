package io.sluice.sandbox.cvm;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.Params;
import io.sluice.sandbox.api.ServiceDefinition;
import io.sluice.sandbox.api.ServiceDefinition.Action;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CVM API 2017-03-12, only {@code DescribeInstancesStatus} (40/s, region required): the
 * controller's view of whether a backend's host is running. At most 100 {@code InstanceIds} ({@code
 * InvalidParameterValue.LimitExceeded}, from the legacy docs); without ids every instance is
 * listed; paging {@code Offset} (default 0) and {@code Limit} (default 20, max 100). A malformed id
 * is {@code InvalidInstanceId.Malformed}; a well-formed unknown one {@code
 * InvalidInstanceId.NotFound} (UNCONFIRMED).
 */
public final class CvmService {
  public static final String SERVICE = "cvm";
  public static final String VERSION = "2017-03-12";
  static final int MAX_IDS = 100;

  private final CvmInstances instances;

  public CvmService(CvmInstances instances) {
    this.instances = instances;
  }

  public CvmInstances instances() {
    return instances;
  }

  public ServiceDefinition definition() {
    return new ServiceDefinition(
        SERVICE,
        VERSION,
        true,
        Map.of("DescribeInstancesStatus", Action.read(40, this::describeInstancesStatus)));
  }

  private JsonObject describeInstancesStatus(ApiRequest request) {
    Params p = request.params();
    List<String> ids = p.strings("InstanceIds");
    long offset = p.optLong("Offset", 0, Integer.MAX_VALUE).orElse(0L);
    long limit = p.optLong("Limit", 1, 100).orElse(20L);
    List<CvmInstance> matches = p.has("InstanceIds") ? byIds(ids) : instances.all();
    JsonArray set = new JsonArray();
    matches.stream()
        .skip(offset)
        .limit(limit)
        .map(
            i ->
                new JsonObject()
                    .put("InstanceId", i.instanceId())
                    .put("InstanceState", i.state().name()))
        .forEach(set::add);
    return new JsonObject().put("TotalCount", matches.size()).put("InstanceStatusSet", set);
  }

  private List<CvmInstance> byIds(List<String> ids) {
    if (ids.size() > MAX_IDS) {
      throw new ApiException(
          "InvalidParameterValue.LimitExceeded",
          "At most " + MAX_IDS + " InstanceIds per call, got " + ids.size() + ".");
    }
    List<CvmInstance> found = new ArrayList<>();
    for (String id : ids.stream().distinct().toList()) {
      if (!CvmInstance.ID.matcher(id).matches()) {
        throw new ApiException(
            "InvalidInstanceId.Malformed", "The instance id `" + id + "` is malformed.");
      }
      found.add(
          instances
              .find(id)
              .orElseThrow(
                  () ->
                      new ApiException(
                          "InvalidInstanceId.NotFound",
                          "The instance `" + id + "` does not exist.")));
    }
    return found;
  }
}
