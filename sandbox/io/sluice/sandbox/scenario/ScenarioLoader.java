package io.sluice.sandbox.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a scenario file. Unknown keys and wrong types are errors that name the file and the field
 * path (with the known keys for a typo), because a typo in a test world would otherwise silently
 * become the default.
 */
public final class ScenarioLoader {
  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .addModule(new Jdk8Module())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private ScenarioLoader() {}

  /**
   * @throws IllegalArgumentException naming the file, position and problem
   */
  public static SandboxScenario load(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file));
  }

  public static SandboxScenario parse(String name, String yaml) {
    try {
      return YAML.readValue(yaml, SandboxScenario.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          name + ": " + path(e) + ": unknown key; known keys: " + e.getKnownPropertyIds(), e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(name + ": " + path(e) + ": " + firstLine(e), e);
    } catch (JacksonException e) {
      var where = e.getLocation();
      String position = where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr();
      throw new IllegalArgumentException(name + position + " " + firstLine(e), e);
    }
  }

  /** The failing field as {@code instances[0].name}. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "(top)" : sb.toString();
  }

  private static String firstLine(JacksonException e) {
    return e.getOriginalMessage().lines().findFirst().orElse("");
  }
}
