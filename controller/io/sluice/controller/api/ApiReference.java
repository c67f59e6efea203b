package io.sluice.controller.api;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document rendered as Markdown tables, for docs/api.md (between its {@code openapi}
 * markers; a test keeps them equal) and {@code sluice openapi --markdown}.
 */
public final class ApiReference {
  static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  private ApiReference() {}

  public static String markdown() {
    JsonObject doc = OperatorApi.documentJson();
    StringBuilder md = new StringBuilder();
    md.append("| method | path | operation | summary |\n|---|---|---|---|\n");
    for (Map.Entry<String, Object> path : doc.getJsonObject("paths")) {
      JsonObject item = (JsonObject) path.getValue();
      for (String method : METHODS) {
        JsonObject op = item.getJsonObject(method);
        if (op != null) {
          md.append("| `")
              .append(method.toUpperCase(java.util.Locale.ROOT))
              .append("` | `")
              .append(path.getKey())
              .append("` | `")
              .append(op.getString("operationId"))
              .append("` | ")
              .append(op.getString("summary", "").replace("|", "\\|"))
              .append(" |\n");
        }
      }
    }
    JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
    JsonObject request = schemas.getJsonObject("OverrideRequest");
    List<String> required = request.getJsonArray("required").stream().map(String::valueOf).toList();
    md.append("\nThe override request (`OverrideRequest`; ")
        .append(request.getString("description"))
        .append("; no other field):\n\n| field | type | required | meaning |\n|---|---|---|---|\n");
    for (Map.Entry<String, Object> field : request.getJsonObject("properties")) {
      JsonObject schema = (JsonObject) field.getValue();
      String ref = schema.getString("$ref");
      JsonObject described =
          ref == null ? schema : schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      String type =
          schema.containsKey("$ref")
              ? "string"
              : schema.getString("type")
                  + (schema.containsKey("enum") ? " " + schema.getJsonArray("enum").encode() : "");
      md.append("| `")
          .append(field.getKey())
          .append("` | ")
          .append(type)
          .append(" | ")
          .append(required.contains(field.getKey()) ? "yes" : "no")
          .append(" | ")
          .append(described.getString("description", ""))
          .append(" |\n");
    }
    return md.toString();
  }
}
