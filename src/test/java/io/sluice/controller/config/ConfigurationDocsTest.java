package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/configuration.md has a row for every key, showing the default the code applies. */
final class ConfigurationDocsTest {
  private static final List<String> ROWS =
      TestConfigs.read(Path.of("docs/configuration.md"))
          .lines()
          .filter(l -> l.startsWith("| `"))
          .toList();

  @Test
  void everyKeyHasARowShowingItsDefault() {
    List<String> problems = new ArrayList<>();
    keys(ConfigSchema.node(), ConfigSchema.node())
        .forEach(
            k -> {
              String key = k.name();
              String defaultValue = k.defaultValue();
              Pattern cell = Pattern.compile("^\\| [^|]*`([^`]*[.\\]])?" + key + "(\\[])?`");
              List<String> rows = ROWS.stream().filter(r -> cell.matcher(r).find()).toList();
              if (rows.isEmpty()) {
                problems.add(key + ": no row");
              } else if (defaultValue != null
                  && rows.stream().noneMatch(r -> r.contains("`" + defaultValue + "`"))) {
                problems.add(key + ": no row shows its default `" + defaultValue + "`");
              }
            });

    assertThat(problems).isEmpty();
  }

  /** A key of the schema and its default as the docs write it (null: none, or a section). */
  private record Key(String name, String defaultValue) {}

  private static List<Key> keys(JsonNode schema, JsonNode root) {
    List<Key> keys = new ArrayList<>();
    collect(schema, root, keys);
    return keys;
  }

  private static void collect(JsonNode schema, JsonNode root, List<Key> keys) {
    JsonNode s = schema.has("$ref") ? root.at(schema.get("$ref").asText().substring(1)) : schema;
    if (s.has("items")) {
      collect(s.get("items"), root, keys);
    }
    s.path("properties")
        .properties()
        .forEach(
            p -> {
              JsonNode d = p.getValue().get("default");
              if (!isSection(p.getValue(), root)) {
                keys.add(new Key(p.getKey(), d == null ? null : show(d)));
              }
              collect(p.getValue(), root, keys);
            });
  }

  /** A mapping of keys, or a list of them: its keys have rows, it has a heading. */
  private static boolean isSection(JsonNode schema, JsonNode root) {
    JsonNode s = schema.has("$ref") ? root.at(schema.get("$ref").asText().substring(1)) : schema;
    JsonNode items = s.path("items");
    JsonNode item = items.has("$ref") ? root.at(items.get("$ref").asText().substring(1)) : items;
    return s.has("properties") || item.has("properties");
  }

  private static String show(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asText()));
      return items.stream().collect(Collectors.joining(", ", "[", "]"));
    }
    return value.isObject() ? "{}" : value.asText();
  }
}
