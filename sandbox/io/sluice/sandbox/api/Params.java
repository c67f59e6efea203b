package io.sluice.sandbox.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an action's JSON parameters, answering the documented common errors: {@code
 * MissingParameter} for an absent required one, {@code InvalidParameter} for a wrong JSON type,
 * {@code InvalidParameterValue} for a value out of range. Messages name the parameter and the
 * value, as Tencent's do.
 */
public final class Params {
  private final JsonObject json;

  public Params(JsonObject json) {
    this.json = json;
  }

  public boolean has(String name) {
    return json.containsKey(name) && json.getValue(name) != null;
  }

  public String requireString(String name) {
    return optString(name).orElseThrow(() -> missing(name));
  }

  public Optional<String> optString(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    Object v = json.getValue(name);
    if (!(v instanceof String s)) {
      throw wrongType(name, "a string", v);
    }
    return Optional.of(s);
  }

  public long requireLong(String name) {
    return optLong(name).orElseThrow(() -> missing(name));
  }

  public Optional<Long> optLong(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    Object v = json.getValue(name);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw wrongType(name, "an integer", v);
    }
    return Optional.of(n.longValue());
  }

  /** An integer parameter that must lie within {@code [min, max]}. */
  public Optional<Long> optLong(String name, long min, long max) {
    Optional<Long> v = optLong(name);
    v.ifPresent(
        x -> {
          if (x < min || x > max) {
            throw new ApiException(
                "InvalidParameterValue",
                "The value of parameter `" + name + "` must be " + min + "-" + max + ", got " + x);
          }
        });
    return v;
  }

  public JsonArray requireArray(String name) {
    return optArray(name).orElseThrow(() -> missing(name));
  }

  public Optional<JsonArray> optArray(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    Object v = json.getValue(name);
    if (!(v instanceof JsonArray a)) {
      throw wrongType(name, "an array", v);
    }
    return Optional.of(a);
  }

  /** The array's elements as parameter objects, e.g. {@code Targets}. */
  public List<Params> objects(String name) {
    List<Params> out = new ArrayList<>();
    JsonArray array = optArray(name).orElse(new JsonArray());
    for (int i = 0; i < array.size(); i++) {
      Object v = array.getValue(i);
      if (!(v instanceof JsonObject o)) {
        throw wrongType(name + "." + i, "an object", v);
      }
      out.add(new Params(o));
    }
    return out;
  }

  /** The array's elements as strings, e.g. {@code LoadBalancerIds}. */
  public List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    JsonArray array = optArray(name).orElse(new JsonArray());
    for (int i = 0; i < array.size(); i++) {
      Object v = array.getValue(i);
      if (!(v instanceof String s)) {
        throw wrongType(name + "." + i, "a string", v);
      }
      out.add(s);
    }
    return out;
  }

  public Optional<Params> optObject(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    Object v = json.getValue(name);
    if (!(v instanceof JsonObject o)) {
      throw wrongType(name, "an object", v);
    }
    return Optional.of(new Params(o));
  }

  public Params requireObject(String name) {
    return optObject(name).orElseThrow(() -> missing(name));
  }

  public JsonObject json() {
    return json;
  }

  private static ApiException missing(String name) {
    return new ApiException("MissingParameter", "The parameter `" + name + "` is missing.");
  }

  private static ApiException wrongType(String name, String expected, Object got) {
    return new ApiException(
        "InvalidParameter", "The parameter `" + name + "` must be " + expected + ", got " + got);
  }
}
