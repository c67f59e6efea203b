package io.sluice.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sluice.health.probe.StatusRanges;
import io.sluice.policies.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a config tree against {@link ConfigSchema}, reports each violation in Sluice's words at
 * its path, and removes the offending keys so the rest of the file can still be bound and checked.
 */
final class SchemaCheck {
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(ConfigSchema.node());

  /** Patterns whose parsers explain a mismatch better than the pattern does. */
  private static final Map<String, Function<String, ?>> EXPLAINED_PATTERNS =
      Map.of(
          Durations.PATTERN,
          ConfigBinder.exactly(Durations::parse),
          Timestamps.PATTERN,
          ConfigBinder.exactly(Timestamps::parse),
          HostPort.PATTERN,
          HostPort::parse,
          StatusRanges.PATTERN,
          StatusRanges::parse,
          "^all$",
          RequiredPasses::parse);

  private static final Map<String, String> PATTERN_RULES =
      Map.of(
          ServiceConfig.NAME,
          "must be 1-40 lowercase letters, digits or dashes",
          ControllerConfig.SHA256,
          "must be 64 lowercase hex digits (a SHA-256)",
          ControllerConfig.REGION,
          "must be a region id such as ap-guangzhou");

  private final Problems problems;

  SchemaCheck(Problems problems) {
    this.problems = problems;
  }

  /** Reports every violation and prunes the tree so that what is left satisfies the schema. */
  void check(JsonNode tree) {
    List<ConfigPath> prune = new ArrayList<>();
    // Unknown keys first: the key one was meant to be is then known before its "required" error.
    List<ValidationMessage> messages =
        SCHEMA.validate(tree).stream()
            .sorted(Comparator.comparing(m -> !m.getType().equals("additionalProperties")))
            .toList();
    for (ValidationMessage message : messages) {
      ConfigPath at = path(message.getInstanceLocation());
      switch (message.getType()) {
        case "additionalProperties" -> {
          ConfigPath key = at.key(message.getProperty());
          Optional<String> meant = suggestion(message);
          problems.unknownKey(
              key,
              meant
                  .map(s -> "unknown key; did you mean '" + s + "'?")
                  .orElse("unknown key; expected one of " + String.join(", ", known(message))));
          meant
              .filter(s -> !message.getInstanceNode().has(s))
              .ifPresent(s -> problems.meant(at.key(s)));
          prune.add(key);
        }
        case "required" -> problems.at(at.key(message.getProperty()), "is required, got nothing");
        default -> {
          problems.at(at, rule(message) + ", got " + shown(message.getInstanceNode()));
          prune.add(at);
        }
      }
    }
    prune.forEach(p -> p.removeFrom(tree));
  }

  /** The keys the mapping holding an unknown key may have. */
  private static List<String> known(ValidationMessage message) {
    JsonNode properties = schemaParent(message).path("properties");
    List<String> known = new ArrayList<>();
    properties.fieldNames().forEachRemaining(known::add);
    return known;
  }

  /** The known key an unknown key is close to, a likely typo of it. */
  private static Optional<String> suggestion(ValidationMessage message) {
    return DidYouMean.suggest(message.getProperty(), known(message));
  }

  private static String rule(ValidationMessage message) {
    JsonNode keyword = message.getSchemaNode();
    JsonNode owner = schemaParent(message);
    String text = message.getInstanceNode().asText();
    return switch (message.getType()) {
      case "type" ->
          EXPLAINED_PATTERNS.containsKey(owner.path("pattern").asText())
              ? explainPattern(owner.path("pattern").asText(), text)
              : "must be " + expectedType(owner.path("type"));
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        keyword.forEach(v -> allowed.add(v.asText()));
        yield "must be one of "
            + String.join(", ", allowed)
            + DidYouMean.suggest(text, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
      }
      case "pattern" -> explainPattern(keyword.asText(), text);
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> range(owner);
      case "minItems" -> "must have at least " + counted(keyword.asInt(), "entry", "entries");
      case "minProperties" -> "must have at least " + counted(keyword.asInt(), "key", "keys");
      default -> message.getMessage().replaceFirst("^\\S+: ", "");
    };
  }

  private static String counted(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String explainPattern(String pattern, String text) {
    Function<String, ?> parser = EXPLAINED_PATTERNS.get(pattern);
    if (parser != null) {
      try {
        parser.apply(text);
      } catch (IllegalArgumentException e) {
        return e.getMessage().replaceFirst(", got '.*'$", "");
      }
    }
    return PATTERN_RULES.getOrDefault(pattern, "must match " + pattern);
  }

  private static String range(JsonNode owner) {
    if (owner.has("minimum") && owner.has("maximum")) {
      return "must be " + owner.get("minimum").asText() + "-" + owner.get("maximum").asText();
    }
    return "must be "
        + Stream.of(
                bound(owner, "minimum", "at least ", "exclusiveMinimum", "more than "),
                bound(owner, "maximum", "at most ", "exclusiveMaximum", "less than "))
            .flatMap(Optional::stream)
            .collect(Collectors.joining(" and "));
  }

  private static Optional<String> bound(
      JsonNode owner,
      String inclusive,
      String inclusiveWords,
      String exclusive,
      String exclusiveWords) {
    if (owner.has(inclusive)) {
      return Optional.of(inclusiveWords + owner.get(inclusive).asText());
    }
    return Optional.ofNullable(owner.get(exclusive)).map(n -> exclusiveWords + n.asText());
  }

  private static String expectedType(JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> names.add(article(t.asText())));
    } else {
      names.add(article(type.asText()));
    }
    return String.join(" or ", names);
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> "a " + type;
    };
  }

  /** The value as the message shows it: text quoted, mappings and lists abbreviated. */
  static String shown(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isTextual()) {
      return "'" + value.asText() + "'";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return value.isEmpty() ? "[]" : "a list";
    }
    return value.toString();
  }

  /** The schema object holding the failed keyword. */
  private static JsonNode schemaParent(ValidationMessage message) {
    JsonNodePath fragment = message.getSchemaLocation().getFragment();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      pointer.append('/').append(fragment.getName(i).replace("~", "~0").replace("/", "~1"));
    }
    return ConfigSchema.node().at(pointer.toString());
  }

  private static ConfigPath path(JsonNodePath location) {
    ConfigPath path = ConfigPath.ROOT;
    for (int i = 0; i < location.getNameCount(); i++) {
      path = path.append(location.getElement(i));
    }
    return path;
  }
}
