package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.annotations.SerializedName;
import com.tencentcloudapi.common.AbstractModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks an action's response against the official SDK's typed response class, before the server
 * exists: wraps it as the server will ({@code {"Response":{...,"RequestId"}}}), lets the SDK parse
 * the {@code Response}, and walks every field to prove the SDK knows its name and its JSON type
 * fits the Java type (integers for {@code Long}, numbers for {@code Float}...). Gson alone would
 * silently drop a misspelled field.
 */
public final class SdkContract {
  private SdkContract() {}

  public static <T extends AbstractModel> T parse(JsonObject fields, Class<T> type) {
    JsonObject envelope =
        new JsonObject().put("Response", fields.copy().put("RequestId", "req-contract"));
    JsonObject response = envelope.getJsonObject("Response");
    check(response, type, "Response");
    T parsed = AbstractModel.fromJsonString(response.encode(), type);
    assertThat(parsed).isNotNull();
    return parsed;
  }

  private static void check(JsonObject json, Class<?> type, String path) {
    Map<String, Field> fields = serializedFields(type);
    for (String key : json.fieldNames()) {
      Field f = fields.get(key);
      if (f == null) {
        fail("%s.%s is not a field of %s", path, key, type.getSimpleName());
      }
      checkValue(json.getValue(key), f.getType(), path + "." + key);
    }
  }

  private static void checkValue(Object value, Class<?> type, String path) {
    if (value == null) {
      return;
    }
    if (type.isArray()) {
      assertThat(value).as(path).isInstanceOf(JsonArray.class);
      JsonArray array = (JsonArray) value;
      for (int i = 0; i < array.size(); i++) {
        checkValue(array.getValue(i), type.getComponentType(), path + "[" + i + "]");
      }
    } else if (type == String.class) {
      assertThat(value).as(path).isInstanceOf(String.class);
    } else if (type == Long.class) {
      assertThat(value).as(path).isInstanceOfAny(Integer.class, Long.class);
    } else if (type == Float.class || type == Double.class) {
      assertThat(value).as(path).isInstanceOf(Number.class);
    } else if (type == Boolean.class) {
      assertThat(value).as(path).isInstanceOf(Boolean.class);
    } else if (AbstractModel.class.isAssignableFrom(type)) {
      assertThat(value).as(path).isInstanceOf(JsonObject.class);
      check((JsonObject) value, type, path);
    } else {
      fail("%s: unexpected SDK type %s", path, type);
    }
  }

  private static Map<String, Field> serializedFields(Class<?> type) {
    Map<String, Field> out = new HashMap<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        SerializedName name = f.getAnnotation(SerializedName.class);
        if (name != null) {
          out.putIfAbsent(name.value(), f);
        }
      }
    }
    return out;
  }
}
