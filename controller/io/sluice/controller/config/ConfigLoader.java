package io.sluice.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    String text;
    try {
      text = ConfigText.read(file);
    } catch (ConfigText.NotText e) {
      throw notText(file.toString(), e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses {@code text}, naming it {@code fileName} in errors.
   *
   * @throws ConfigException with every error found, in file order
   */
  public SluiceConfig parse(String fileName, String text) throws ConfigException {
    try {
      ConfigText.requireBounded(text);
    } catch (ConfigText.NotText e) {
      throw notText(fileName, e);
    }
    SourceMap source = new SourceMap();
    SchemaDefaults defaults = new SchemaDefaults(ConfigSchema.node());
    Problems problems = new Problems(fileName, source, defaults::isDefault);
    Optional<JsonNode> tree =
        new YamlTreeReader(new EnvSubstitution(env), source, problems).read(text);
    Optional<SluiceConfig> config = Optional.empty();
    if (tree.isPresent()) {
      new SchemaCheck(problems).check(tree.get());
      defaults.fill(tree.get());
      config = new ConfigBinder(problems, defaults).bind(tree.get());
      config.ifPresent(new ConfigValidator(problems)::validate);
    }
    if (!problems.isEmpty() || config.isEmpty()) {
      throw new ConfigException(problems.errors());
    }
    return config.get();
  }

  private static ConfigException notText(String fileName, ConfigText.NotText e) {
    return new ConfigException(
        List.of(
            new ConfigError(
                fileName,
                e.at().line(),
                e.at().column(),
                ConfigPath.ROOT.toString(),
                e.getMessage())));
  }
}
