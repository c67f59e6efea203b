package io.sluice.controller.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.sluice.health.probe.StatusRanges;
import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Function;

/** Binds a checked config tree to {@link SluiceConfig}, reading the scalar value types. */
final class ConfigBinder {
  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(
              new SimpleModule("sluice-config")
                  .addDeserializer(Duration.class, scalar(exactly(Durations::parse)))
                  .addDeserializer(OffsetDateTime.class, scalar(exactly(Timestamps::parse)))
                  .addDeserializer(HostPort.class, scalar(HostPort::parse))
                  .addDeserializer(StatusRanges.class, scalar(StatusRanges::parse))
                  .addDeserializer(RequiredPasses.class, scalar(RequiredPasses::parse))
                  .addDeserializer(Backend.class, scalar(Backend::fromId)));

  private static final int MAX_ATTEMPTS = 50;

  private final Problems problems;
  private final SchemaDefaults defaults;

  /**
   * @param defaults fills in the default of a value taken out because it does not bind
   */
  ConfigBinder(Problems problems, SchemaDefaults defaults) {
    this.problems = problems;
    this.defaults = defaults;
  }

  /**
   * The config, or empty when the tree does not bind. A value that does not bind (one the schema
   * cannot fully check, such as a port above 65535) is reported, replaced by its default or taken
   * out, and binding retried, so one such value does not hide the errors after it.
   */
  Optional<SluiceConfig> bind(JsonNode tree) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        return Optional.of(mapper.treeToValue(tree, SluiceConfig.class));
      } catch (JsonMappingException e) {
        ConfigPath path = ConfigPath.ROOT;
        for (JsonMappingException.Reference ref : e.getPath()) {
          path =
              ref.getFieldName() != null
                  ? path.key(ref.getFieldName())
                  : path.index(ref.getIndex());
        }
        problems.at(path, rootCause(e).getMessage());
        if (path.segments().isEmpty()) {
          return Optional.empty();
        }
        path.removeFrom(tree);
        defaults.fill(tree);
      } catch (IOException e) {
        problems.at(ConfigPath.ROOT, e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * {@code parse}, for a value that must be written with nothing around it: a quoted {@code "1m\n"}
   * keeps its line break, and reading it as 1m would hide a stray escape or a pasted fragment.
   */
  static <T> Function<String, T> exactly(Function<String, T> parse) {
    return text -> {
      if (!text.equals(text.strip())) {
        throw new IllegalArgumentException(
            "must have no space or line break around it, got '" + visible(text) + "'");
      }
      return parse.apply(text);
    };
  }

  /** The text with its line breaks and tabs written as escapes, so that a message shows them. */
  private static String visible(String text) {
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }

  /** Reads a scalar, text or number, with {@code parse}. */
  private static <T> JsonDeserializer<T> scalar(Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.currentToken().isScalarValue()
            || parser.currentToken() == JsonToken.VALUE_NULL) {
          return null;
        }
        try {
          return parse.apply(parser.getText());
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(parser, e.getMessage(), e);
        }
      }
    };
  }
}
