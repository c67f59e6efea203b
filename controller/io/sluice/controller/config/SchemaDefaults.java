package io.sluice.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes the schema's defaults into a config tree for every key the file leaves out, so the records
 * are bound complete and every default has one home: the {@code DEFAULT_*} constant the schema was
 * generated from.
 */
final class SchemaDefaults {
  private final JsonNode root;
  private final Set<ConfigPath> filled = new HashSet<>();

  SchemaDefaults(JsonNode schemaRoot) {
    this.root = schemaRoot;
  }

  void fill(JsonNode instance) {
    fill(instance, root, ConfigPath.ROOT);
  }

  /**
   * True when the value at {@code path} is one this filled in, not one the file wrote: an error
   * about it says so, since the user may not know the value is there.
   */
  boolean isDefault(ConfigPath path) {
    return filled.stream().anyMatch(path::startsWith);
  }

  private void fill(JsonNode instance, JsonNode schema, ConfigPath path) {
    JsonNode resolved = resolve(schema);
    if (instance instanceof ObjectNode object && resolved.has("properties")) {
      for (Map.Entry<String, JsonNode> property : resolved.get("properties").properties()) {
        JsonNode propertySchema = property.getValue();
        ConfigPath at = path.key(property.getKey());
        if (!object.has(property.getKey()) && propertySchema.has("default")) {
          object.set(property.getKey(), propertySchema.get("default").deepCopy());
          filled.add(at);
        }
        if (object.has(property.getKey())) {
          fill(object.get(property.getKey()), propertySchema, at);
        }
      }
    } else if (instance.isArray() && resolved.has("items")) {
      for (int i = 0; i < instance.size(); i++) {
        fill(instance.get(i), resolved.get("items"), path.index(i));
      }
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
