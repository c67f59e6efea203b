package io.sluice.sandbox.wiring;

import io.sluice.sandbox.dataplane.functions.FunctionCode;
import io.sluice.sandbox.dataplane.functions.FunctionFault;
import io.sluice.sandbox.dataplane.functions.FunctionRegistry;
import io.sluice.sandbox.dataplane.functions.FunctionSpec;
import io.sluice.sandbox.dataplane.routing.FunctionRef;
import io.sluice.sandbox.scf.FunctionKey;
import io.sluice.sandbox.scf.ScfState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code behind each SCF function of the model, with its injected fault: what the function
 * runtime runs when CLB or {@code Invoke} calls it. A function the SCF model does not hold does not
 * run, whatever code was once registered for it.
 */
public final class FunctionCatalog implements FunctionRegistry {
  private final ScfState scf;
  private final String region;
  private final Map<String, FunctionCode> code = new ConcurrentHashMap<>();
  private final Map<String, Duration> timeouts = new ConcurrentHashMap<>();
  private final Map<String, FunctionFault> faults = new ConcurrentHashMap<>();

  public FunctionCatalog(ScfState scf, String region) {
    this.scf = scf;
    this.region = region;
  }

  /** Registers the code a function runs. */
  public void register(String namespace, String name, FunctionCode functionCode, Duration timeout) {
    code.put(key(namespace, name), functionCode);
    timeouts.put(key(namespace, name), timeout);
  }

  /** Makes every call of the function fail, time out or return malformed output; NONE clears. */
  public void setFault(String namespace, String name, FunctionFault fault) {
    if (!code.containsKey(key(namespace, name))) {
      throw new IllegalArgumentException(
          "no function " + key(namespace, name) + "; known: " + code.keySet());
    }
    faults.put(key(namespace, name), fault);
  }

  @Override
  public Optional<FunctionSpec> function(FunctionRef ref) {
    String key = key(ref.namespace(), ref.name());
    FunctionCode functionCode = code.get(key);
    if (functionCode == null
        || scf.find(new FunctionKey(region, ref.namespace(), ref.name())).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FunctionSpec(
            ref,
            functionCode,
            faults.getOrDefault(key, FunctionFault.NONE),
            timeouts.getOrDefault(key, FunctionSpec.DEFAULT_TIMEOUT)));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
