package io.sluice.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a Sluice config file: YAML with {@code ${NAME}} environment references, checked against the
 * schema and the cross-field rules. It returns a complete config or throws with every error.
 *
 * <p>The stages: read the YAML noting positions; check the schema, leaving out bad keys; fill in
 * defaults; bind the records; check the cross-field rules. Each stage reports into one list, so a
 * file with ten mistakes gets ten errors.
 */
public final class ConfigLoader {
  private final Function<String, String> env;

  /**
   * @param env looks an environment variable up, null when unset; {@code System::getenv} in
   *     production
   */
  public ConfigLoader(Function<String, String> env) {
    this.env = env;
  }

  /**
   * Loads {@code file}; errors name it as given.
   *
   * @throws IOException when the file cannot be read
   * @throws ConfigException with every error found, in file order
   */
  public SluiceConfig load(Path file) throws IOException, ConfigException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses {@code text}, naming it {@code fileName} in errors.
   *
   * @throws ConfigException with every error found, in file order
   */
  public SluiceConfig parse(String fileName, String text) throws ConfigException {
    SourceMap source = new SourceMap();
    Problems problems = new Problems(fileName, source);
    EnvSubstitution substitution = new EnvSubstitution(env);
    Optional<JsonNode> tree = new YamlTreeReader(substitution, source, problems).read(text);
    // before the schema check prunes a bad value: what errors may show of each
    ShownValues shown = ShownValues.of(substitution.substituted(), tree);
    Optional<SluiceConfig> config = Optional.empty();
    if (tree.isPresent()) {
      SchemaDefaults defaults = new SchemaDefaults(ConfigSchema.node());
      new SchemaCheck(problems).check(tree.get());
      defaults.fill(tree.get());
      config = new ConfigBinder(problems, defaults).bind(tree.get());
      config.ifPresent(new ConfigValidator(problems)::validate);
    }
    if (!problems.isEmpty() || config.isEmpty()) {
      throw new ConfigException(shown.apply(problems.errors()));
    }
    return config.get();
  }
}
