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
 * file with ten mistakes gets ten errors. A file without errors is then looked over for legal but
 * dangerous settings, which come back as warnings.
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
    return read(file).config();
  }

  /**
   * Loads {@code file} with the warnings about its legal but dangerous settings; errors and
   * warnings name it as given.
   *
   * @throws IOException when the file cannot be read
   * @throws ConfigException with every error found, in file order
   */
  public CheckedConfig read(Path file) throws IOException, ConfigException {
    String text;
    try {
      text = ConfigText.read(file);
    } catch (ConfigText.NotText e) {
      throw notText(file.toString(), e);
    }
    return check(file.toString(), text);
  }

  /**
   * Parses {@code text}, naming it {@code fileName} in errors.
   *
   * @throws ConfigException with every error found, in file order
   */
  public SluiceConfig parse(String fileName, String text) throws ConfigException {
    return check(fileName, text).config();
  }

  /**
   * Parses {@code text} with the warnings about its legal but dangerous settings, naming it {@code
   * fileName} in errors and warnings.
   *
   * @throws ConfigException with every error found, in file order
   */
  public CheckedConfig check(String fileName, String text) throws ConfigException {
    try {
      ConfigText.requireBounded(text);
    } catch (ConfigText.NotText e) {
      throw notText(fileName, e);
    }
    SourceMap source = new SourceMap();
    SchemaDefaults defaults = new SchemaDefaults(ConfigSchema.node());
    Problems problems = new Problems(fileName, source, defaults::isDefault);
    EnvSubstitution substitution = new EnvSubstitution(env);
    Optional<JsonNode> tree = new YamlTreeReader(substitution, source, problems).read(text);
    // before the schema check prunes a bad value: what errors may show of each
    ShownValues shown = ShownValues.of(substitution.substituted(), tree);
    Optional<SluiceConfig> config = Optional.empty();
    if (tree.isPresent()) {
      new SchemaCheck(problems).check(tree.get());
      defaults.fill(tree.get());
      config = new ConfigBinder(problems, defaults).bind(tree.get());
      config.ifPresent(new ConfigValidator(problems)::validate);
    }
    if (!problems.isEmpty() || config.isEmpty()) {
      throw new ConfigException(shown.apply(problems.errors()));
    }
    new DangerousSettings(problems).check(config.get());
    return new CheckedConfig(config.get(), problems.warnings());
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
