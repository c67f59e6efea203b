package io.sluice.controller.config;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import io.sluice.health.probe.StatusRanges;
import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The JSON Schema (draft 2020-12) of the config format, generated from the config records so the
 * two cannot disagree. Required keys come from {@code @NotNull}, ranges from
 * {@code @Min}/{@code @Max}, and each key's default from the record's {@code DEFAULT_*} constant of
 * the same name.
 */
public final class ConfigSchema {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Types written as one scalar in the file, each with its own definition below. */
  private static final Set<Class<?>> SCALARS =
      Set.of(
          Duration.class,
          OffsetDateTime.class,
          HostPort.class,
          StatusRanges.class,
          RequiredPasses.class,
          Backend.class);

  private static final ObjectNode SCHEMA = generate();

  private ConfigSchema() {}

  /** The schema; callers must not change it. */
  public static JsonNode node() {
    return SCHEMA;
  }

  /** The schema as pretty-printed JSON ending in a newline, as {@code docs/sluice.schema.json}. */
  public static String json() {
    try {
      return JSON.writeValueAsString(SCHEMA) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode generate() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
            .with(
                new JakartaValidationModule(
                    JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                    JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
            .with(
                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.FLATTENED_OPTIONALS);
    config.forTypesInGeneral().withCustomDefinitionProvider(ConfigSchema::scalar);
    config.forFields().withDefaultResolver(ConfigSchema::defaultOf);
    ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(SluiceConfig.class);
    schema.put("title", "Sluice configuration");
    withoutNull(schema);
    // The generator keeps defaults as Java values; a round trip makes them JSON like the rest.
    try {
      return (ObjectNode) JSON.readTree(JSON.writeValueAsString(schema));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An optional key is left out, never written as null: the generator's {@code null} alternatives
   * for {@link Optional} components are removed.
   */
  private static void withoutNull(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.get("type") instanceof ArrayNode types) {
        removeWhere(types, t -> t.asText().equals("null"));
        if (types.size() == 1) {
          object.set("type", types.get(0));
        }
      }
      if (object.get("anyOf") instanceof ArrayNode alternatives) {
        removeWhere(alternatives, a -> a.path("type").asText().equals("null"));
        if (alternatives.size() == 1) {
          object.remove("anyOf");
          object.setAll((ObjectNode) alternatives.get(0));
        }
      }
    }
    node.forEach(ConfigSchema::withoutNull);
  }

  private static void removeWhere(ArrayNode array, Predicate<JsonNode> condition) {
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      if (condition.test(it.next())) {
        it.remove();
      }
    }
  }

  /** Value types written as one scalar in the file. */
  private static CustomDefinition scalar(ResolvedType type, SchemaGenerationContext context) {
    Class<?> erased = type.getErasedType();
    ObjectNode node = context.getGeneratorConfig().createObjectNode();
    if (erased == Duration.class) {
      node.put("type", "string").put("pattern", Durations.PATTERN);
      node.put("description", "a whole number and a unit: ms, s, m, h or d, e.g. 500ms, 30s, 5m");
    } else if (erased == OffsetDateTime.class) {
      node.put("type", "string").put("pattern", Timestamps.PATTERN);
      node.put("description", "ISO-8601 with an offset, e.g. 2026-11-11T19:55+08:00");
    } else if (erased == HostPort.class) {
      node.put("type", "string").put("pattern", HostPort.PATTERN);
      node.put("description", "host:port, e.g. 127.0.0.1:7070");
    } else if (erased == StatusRanges.class) {
      node.putArray("type").add("string").add("integer");
      node.put("pattern", StatusRanges.PATTERN).put("minimum", 100).put("maximum", 599);
      node.put("description", "HTTP statuses and ranges, e.g. 200-299,301");
    } else if (erased == RequiredPasses.class) {
      node.putArray("type").add("string").add("integer");
      node.put("pattern", "^all$").put("minimum", 1);
      node.put("description", "all, or the number of probes that must pass");
    } else if (erased == Backend.class) {
      node.put("type", "string");
      Arrays.stream(Backend.values()).forEach(b -> node.withArray("enum").add(b.id()));
    } else {
      return null;
    }
    return new CustomDefinition(
        node, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.YES);
  }

  /**
   * The {@code DEFAULT_<KEY>} constant of the field's record; else, for an optional section whose
   * keys all have defaults, an empty mapping (so its own defaults apply); else an empty list or
   * mapping for an optional list or mapping.
   */
  private static Object defaultOf(FieldScope field) {
    if (field.isFakeContainerItemScope()
        || field.getAnnotationConsideringFieldAndGetter(NotNull.class) != null) {
      return null;
    }
    Class<?> owner = field.getDeclaringType().getErasedType();
    Optional<Object> constant = constant(owner, "DEFAULT_" + upperSnake(field.getDeclaredName()));
    if (constant.isPresent()) {
      return jsonValue(constant.get());
    }
    Class<?> type = field.getType().getErasedType();
    if (field.getRawMember().getType() == Optional.class || SCALARS.contains(type)) {
      return null;
    }
    if (type.isRecord()
        && Arrays.stream(type.getDeclaredFields()).noneMatch(ConfigSchema::required)) {
      return Map.of();
    }
    if (List.class.isAssignableFrom(type)) {
      return List.of();
    }
    if (Map.class.isAssignableFrom(type)) {
      return Map.of();
    }
    return null;
  }

  private static boolean required(Field field) {
    return !Modifier.isStatic(field.getModifiers()) && field.isAnnotationPresent(NotNull.class);
  }

  private static Optional<Object> constant(Class<?> owner, String name) {
    try {
      Field f = owner.getField(name);
      return Modifier.isStatic(f.getModifiers()) ? Optional.of(f.get(null)) : Optional.empty();
    } catch (NoSuchFieldException e) {
      return Optional.empty();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object jsonValue(Object value) {
    return switch (value) {
      case Duration d -> Durations.format(d);
      case Backend b -> b.id();
      case StatusRanges s -> s.toString();
      case HostPort h -> h.toString();
      case RequiredPasses r -> r.toString();
      case List<?> list -> list.stream().map(ConfigSchema::jsonValue).toList();
      default -> value;
    };
  }

  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
