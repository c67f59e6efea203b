package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.Params;
import io.sluice.sandbox.scf.FunctionRef;
import java.util.List;

/**
 * Reads the {@code FunctionTargets} parameter: {@code Function{FunctionNamespace, FunctionName,
 * FunctionQualifier, FunctionQualifierType}} and {@code Weight} (default 10 as in Terraform; range
 * UNCONFIRMED, the sandbox applies 0-100).
 */
final class FunctionTargetParams {
  private FunctionTargetParams() {}

  static List<FunctionTarget> read(Params p) {
    p.requireArray("FunctionTargets");
    List<FunctionTarget> out =
        p.objects("FunctionTargets").stream().map(FunctionTargetParams::one).toList();
    if (out.isEmpty()) {
      throw new ApiException(
          "InvalidParameterValue", "The parameter `FunctionTargets` must not be empty.");
    }
    return out;
  }

  /**
   * The single function of a write that binds or replaces one: CLB allows one function per rule, so
   * more than one in the call is {@code LimitExceeded} (UNCONFIRMED code).
   */
  static FunctionTarget readOne(Params p) {
    List<FunctionTarget> all = read(p);
    if (all.size() > 1) {
      throw new ApiException(
          "LimitExceeded",
          "A forwarding rule can be bound to only one function, got " + all.size() + ".");
    }
    return all.get(0);
  }

  private static FunctionTarget one(Params t) {
    Params f = t.requireObject("Function");
    FunctionRef ref =
        new FunctionRef(
            f.requireString("FunctionNamespace"),
            f.requireString("FunctionName"),
            f.requireString("FunctionQualifier"));
    String qualifierType = f.optString("FunctionQualifierType").orElse(null);
    if (qualifierType != null
        && !qualifierType.equals("VERSION")
        && !qualifierType.equals("ALIAS")) {
      throw new ApiException(
          "InvalidParameterValue",
          "FunctionQualifierType must be VERSION or ALIAS, got " + qualifierType + ".");
    }
    return new FunctionTarget(
        ref, qualifierType, TargetParams.weight(t, "Weight", CvmTarget.DEFAULT_WEIGHT));
  }
}
