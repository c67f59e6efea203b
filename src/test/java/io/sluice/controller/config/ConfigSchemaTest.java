package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class ConfigSchemaTest {
  private static final Path COMMITTED = Path.of("docs/sluice.schema.json");

  @ParameterizedTest
  @MethodSource("io.sluice.controller.config.ExamplesTest#examples")
  void everyExampleValidatesAgainstTheCommittedSchema(Path example) throws IOException {
    JsonNode schema = new ObjectMapper().readTree(COMMITTED.toFile());
    String yaml = TestConfigs.read(example);
    JsonNode instance = new YAMLMapper().readTree(yaml);

    assertThat(
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema)
                .validate(instance))
        .isEmpty();
  }

  /** A constant named for a key that does not exist would silently not be a default. */
  @Test
  void everyDefaultConstantNamesAComponentOfItsRecord() {
    List<String> orphans = new ArrayList<>();
    configRecords()
        .forEach(
            type -> {
              List<String> components =
                  Stream.of(type.getRecordComponents())
                      .map(RecordComponent::getName)
                      .map(ConfigSchema::upperSnake)
                      .toList();
              for (Field f : type.getDeclaredFields()) {
                String name = f.getName();
                if (Modifier.isStatic(f.getModifiers())
                    && name.startsWith("DEFAULT_")
                    && !components.contains(name.substring("DEFAULT_".length()))) {
                  orphans.add(type.getSimpleName() + "." + name);
                }
              }
            });

    assertThat(orphans).isEmpty();
  }

  @Test
  void schemaKeysAreExactlyTheRecordComponentsAllTheWayDown() {
    List<String> checked = new ArrayList<>();

    assertKeysMatch(SluiceConfig.class, ConfigSchema.node(), "", checked);

    assertThat(checked).contains(".services.backends.scf.prewarm", ".controller.api.tokens");
  }

  private static void assertKeysMatch(
      Class<?> type, JsonNode schema, String path, List<String> checked) {
    JsonNode resolved = resolve(schema);
    if (resolved.has("items")) {
      resolved = resolve(resolved.get("items"));
    }
    checked.add(path);
    List<String> components =
        Stream.of(type.getRecordComponents()).map(RecordComponent::getName).sorted().toList();
    List<String> keys = new ArrayList<>();
    resolved.path("properties").fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .as("keys of %s", path.isEmpty() ? "the root" : path)
        .containsExactlyInAnyOrderElementsOf(components);
    for (RecordComponent c : type.getRecordComponents()) {
      Class<?> inner = innerType(c.getGenericType());
      if (inner.isRecord()
              && resolve(resolved.path("properties").path(c.getName())).has("properties")
          || inner.isRecord()
              && resolve(resolved.path("properties").path(c.getName())).has("items")) {
        assertKeysMatch(
            inner,
            resolved.path("properties").path(c.getName()),
            path + "." + c.getName(),
            checked);
      }
    }
  }

  /** The record inside a List or Optional, or the type itself. */
  private static Class<?> innerType(Type type) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
      return innerType(p.getActualTypeArguments()[0]);
    }
    return type instanceof Class<?> c ? c : Object.class;
  }

  private static JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null ? schema : ConfigSchema.node().at(ref.asText().substring(1));
  }

  private static Stream<Class<?>> configRecords() {
    return Stream.of(
            SluiceConfig.class,
            ControllerConfig.class,
            ServiceConfig.class,
            ProbeConfig.class,
            ClbTarget.class,
            HealthConfig.class,
            PolicyConfig.class,
            BackendConfig.class)
        .flatMap(t -> Stream.concat(Stream.of(t), Stream.of(t.getDeclaredClasses())))
        .filter(Class::isRecord);
  }
}
