package io.sluice.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Writes the schema's defaults into a config tree for every key the file leaves out, so the records
 * are bound complete and every default has one home: the {@code DEFAULT_*} constant the schema was
 * generated from.
 */
final class SchemaDefaults {
  private final JsonNode root;

  SchemaDefaults(JsonNode schemaRoot) {
    this.root = schemaRoot;
  }

  void fill(JsonNode instance) {
    fill(instance, root);
  }

  private void fill(JsonNode instance, JsonNode schema) {
    JsonNode resolved = resolve(schema);
    if (instance instanceof ObjectNode object && resolved.has("properties")) {
      for (Map.Entry<String, JsonNode> property : resolved.get("properties").properties()) {
        JsonNode propertySchema = property.getValue();
        if (!object.has(property.getKey()) && propertySchema.has("default")) {
          object.set(property.getKey(), propertySchema.get("default").deepCopy());
        }
        if (object.has(property.getKey())) {
          fill(object.get(property.getKey()), propertySchema);
        }
      }
    } else if (instance.isArray() && resolved.has("items")) {
      instance.forEach(item -> fill(item, resolved.get("items")));
    }
  }

  /** Follows a local {@code $ref} such as {@code #/$defs/ProbeConfig}. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref != null && ref.asText().startsWith("#")
        ? root.at(ref.asText().substring(1))
        : schema;
  }
}
