package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.scf.FunctionKey;
import io.sluice.sandbox.scf.FunctionRef;
import io.sluice.sandbox.scf.FunctionType;
import io.sluice.sandbox.scf.ScfFunction;
import io.sluice.sandbox.scf.ScfState;

/**
 * The documented restrictions on binding a function to a CLB rule, checked against the SCF model.
 * The error codes are sandbox decisions (UNCONFIRMED, reference section 3.9):
 *
 * <ul>
 *   <li>no such function anywhere, or no such qualifier → {@code InvalidParameterValue} (the caller
 *       named something that does not exist);
 *   <li>the function exists only in another region → {@code FailedOperation} (documented: same
 *       region only);
 *   <li>an {@code HTTP}-type function → {@code FailedOperation} (documented: Event functions only).
 * </ul>
 */
final class FunctionBindingCheck {
  private final ScfState scf;

  FunctionBindingCheck(ScfState scf) {
    this.scf = scf;
  }

  void check(String region, FunctionTarget target) {
    FunctionRef ref = target.function();
    FunctionKey key = ref.key(region);
    ScfFunction function = scf.find(key).orElseThrow(() -> missing(ref, region));
    if (function.type() != FunctionType.Event) {
      throw new ApiException(
          "FailedOperation",
          "Only Event functions can be bound to CLB; "
              + ref.name()
              + " is "
              + function.type()
              + ".");
    }
    if (function.resolve(ref.qualifier()).isEmpty()) {
      throw new ApiException(
          "InvalidParameterValue",
          "FunctionQualifier " + ref.qualifier() + " of " + ref.name() + " not found.");
    }
  }

  private ApiException missing(FunctionRef ref, String region) {
    if (scf.existsInAnyRegion(ref.namespace(), ref.name())) {
      return new ApiException(
          "FailedOperation",
          "Function "
              + ref.namespace()
              + "/"
              + ref.name()
              + " is not in the CLB's region "
              + region
              + ".");
    }
    return new ApiException(
        "InvalidParameterValue", "Function " + ref.namespace() + "/" + ref.name() + " not found.");
  }
}
