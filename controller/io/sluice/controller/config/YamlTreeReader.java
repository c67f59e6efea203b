package io.sluice.controller.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML into a JSON tree token by token, noting where each key and value starts, replacing
 * {@code ${NAME}} references from the environment, and reporting duplicate keys. A reference that
 * is not set is reported at its position and its key left out, so nothing downstream echoes it.
 */
final class YamlTreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Deeper than any config nests (about 8), shallow enough that no input exhausts the stack. */
  static final int MAX_DEPTH = 32;

  private static final int MAX_NUMBER_DIGITS = 100;

  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .loaderOptions(loaderLimits())
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(ConfigText.MAX_BYTES)
                  .maxNumberLength(MAX_NUMBER_DIGITS)
                  .build())
          .build();
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]*\\.[0-9]+");

  private final EnvSubstitution env;
  private final SourceMap source;
  private final Problems problems;

  YamlTreeReader(EnvSubstitution env, SourceMap source, Problems problems) {
    this.env = env;
    this.source = source;
    this.problems = problems;
  }

  private static LoaderOptions loaderLimits() {
    LoaderOptions limits = new LoaderOptions();
    limits.setCodePointLimit(ConfigText.MAX_BYTES);
    limits.setNestingDepthLimit(MAX_DEPTH);
    return limits;
  }

  /** The tree, or empty after reporting a syntax error or an empty file. */
  Optional<JsonNode> read(String text) {
    try (JsonParser parser = YAML.createParser(text)) {
      if (parser.nextToken() == null) {
        problems.at(ConfigPath.ROOT, SourceMap.Location.START, "the file is empty");
        return Optional.empty();
      }
      return Optional.ofNullable(value(parser, ConfigPath.ROOT));
    } catch (StreamConstraintsException e) {
      problems.at(
          ConfigPath.ROOT,
          location(e.getLocation()),
          "nests deeper than " + MAX_DEPTH + " levels; a config needs about 8");
      return Optional.empty();
    } catch (JsonProcessingException e) {
      syntaxError(e);
      return Optional.empty();
    } catch (IOException e) {
      problems.at(ConfigPath.ROOT, SourceMap.Location.START, "cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Reports a YAML syntax error in one line, at the problem's position as SnakeYAML marks it (the
   * parser's own position is often a line early).
   */
  private void syntaxError(JsonProcessingException e) {
    String detail = e.getOriginalMessage();
    SourceMap.Location at = location(e.getLocation());
    Matcher mark = MARK.matcher(detail);
    while (mark.find()) {
      at = new SourceMap.Location(Integer.parseInt(mark.group(1)), Integer.parseInt(mark.group(2)));
    }
    String problem =
        detail
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .collect(Collectors.joining("; "));
    problems.at(ConfigPath.ROOT, at, "not valid YAML: " + problem);
  }

  /**
   * The value at the parser's current token, or null when it had an unset reference or is an alias.
   */
  private JsonNode value(JsonParser parser, ConfigPath path) throws IOException {
    source.value(path, location(parser.currentTokenLocation()));
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // Jackson hands an alias over as the text of its name: 'got c' would mislead.
      problems.at(
          path,
          "YAML aliases are not supported (nor merge keys, <<); write the value out, got *"
              + parser.getText());
      return null;
    }
    return switch (parser.currentToken()) {
      case START_OBJECT -> object(parser, path);
      case START_ARRAY -> array(parser, path);
      case VALUE_STRING -> text(parser.getText(), path);
      case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      default -> NODES.nullNode();
    };
  }

  private ObjectNode object(JsonParser parser, ConfigPath path) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      ConfigPath child = path.key(name);
      SourceMap.Location key = location(parser.currentTokenLocation());
      boolean duplicate = object.has(name) || source.has(child);
      parser.nextToken();
      if (duplicate) {
        problems.at(child, key, "duplicate key; each key may appear once");
        parser.skipChildren();
        continue;
      }
      source.key(child, key);
      JsonNode value = value(parser, child);
      if (value != null) {
        object.set(name, value);
      }
    }
    return object;
  }

  private ArrayNode array(JsonParser parser, ConfigPath path) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonNode value = value(parser, path.index(array.size()));
      array.add(value != null ? value : NODES.nullNode());
    }
    return array;
  }

  private JsonNode text(String raw, ConfigPath path) {
    EnvSubstitution.Result result = env.apply(raw);
    if (!result.ok()) {
      problems.at(
          path,
          "environment variable "
              + String.join(", ", result.unset())
              + " is not set, got '"
              + raw
              + "'");
      return null;
    }
    String text = result.text();
    if (EnvSubstitution.isWholeReference(raw)) {
      if (INTEGER.matcher(text).matches()) {
        return NODES.numberNode(new java.math.BigInteger(text));
      }
      if (DECIMAL.matcher(text).matches()) {
        return NODES.numberNode(Double.parseDouble(text));
      }
      if (text.equals("true") || text.equals("false")) {
        return NODES.booleanNode(Boolean.parseBoolean(text));
      }
    }
    return NODES.textNode(text);
  }

  private static SourceMap.Location location(JsonLocation at) {
    return at == null
        ? SourceMap.Location.START
        : new SourceMap.Location(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
  }
}
