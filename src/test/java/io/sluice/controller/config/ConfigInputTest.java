package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever file a user points Sluice at, the answer is one clear line, quickly: too large, not
 * text, not UTF-8, YAML features Sluice does not take, values with stray characters.
 */
final class ConfigInputTest {
  private static final int ONE_MIB = 1024 * 1024;

  @TempDir Path dir;

  private List<String> errorsLoading(Path file) {
    ConfigException[] thrown = new ConfigException[1];
    assertThatThrownBy(() -> new ConfigLoader(name -> null).load(file))
        .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
    return thrown[0].errors().stream().map(ConfigError::toString).toList();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void aFileLargerThanOneMebibyteIsRefusedUnread() throws IOException {
    Path big = dir.resolve("big.yaml");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line = "  - {name: s, domains: [a.example.com]}\n".getBytes(StandardCharsets.UTF_8);
      out.write("services:\n".getBytes(StandardCharsets.UTF_8));
      for (long written = 0; written <= 2L * ONE_MIB; written += line.length) {
        out.write(line);
      }
    }

    assertThat(errorsLoading(big))
        .containsExactly(
            big
                + ":1:1 (root): the config file is larger than 1 MiB, the most Sluice reads (a"
                + " config is a few kilobytes); is it the right file?");
  }

  @Test
  void aStreamThatNeverEndsIsRefusedAfterOneMebibyte() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "no /dev/zero on this system");

    assertThat(errorsLoading(zero))
        .singleElement()
        .asString()
        .startsWith("/dev/zero:1:1 (root): the config file is larger than 1 MiB");
  }

  @Test
  void configTextLargerThanTheBoundIsRefusedToo() {
    String text = "controller:\n  region: ap-guangzhou\n#" + "x".repeat(ONE_MIB);

    assertThat(TestConfigs.errorsOf(text))
        .singleElement()
        .asString()
        .startsWith("1:1 (root): the config file is larger than 1 MiB");
  }

  @Test
  void utf16AsPowerShellWritesItIsNamed() throws IOException {
    byte[] utf16 =
        "\uFEFFcontroller:\n  region: ap-guangzhou\n".getBytes(StandardCharsets.UTF_16LE);

    assertThat(errorsLoading(write("ps.yaml", utf16)))
        .containsExactly(
            dir.resolve("ps.yaml")
                + ":1:1 (root): not UTF-8 text: the file is UTF-16 (what Windows PowerShell's >"
                + " and Out-File write); save it as UTF-8");
  }

  @Test
  void aByteThatIsNotUtf8IsNamedAtItsLineAndColumn() throws IOException {
    byte[] latin1 = "controller:\n  region: gu\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(errorsLoading(write("latin1.yaml", latin1)))
        .containsExactly(
            dir.resolve("latin1.yaml")
                + ":2:13 (root): not UTF-8 text: byte 0xe9 cannot start or continue a UTF-8"
                + " character (a binary file, or text in another encoding?); save it as UTF-8");
  }

  @Test
  void aBinaryFileIsNotText() throws IOException {
    byte[] binary = {'a', ':', ' ', 0, 0, 0, '\n'};

    assertThat(errorsLoading(write("bin.yaml", binary)))
        .singleElement()
        .asString()
        .endsWith(
            "bin.yaml:1:4 (root): not UTF-8 text: a NUL byte (a binary file, or UTF-16 without its"
                + " byte order mark?); save it as UTF-8");
  }

  @Test
  void aUtf8ByteOrderMarkIsAccepted() throws IOException, ConfigException {
    byte[] withBom =
        ("\uFEFF" + TestConfigs.read(TestConfigs.SANDBOX_DEMO)).getBytes(StandardCharsets.UTF_8);

    SluiceConfig config = new ConfigLoader(name -> null).load(write("bom.yaml", withBom));

    assertThat(config.services()).hasSize(1);
  }

  @Test
  void aDurationWithALineBreakIsNoDuration() {
    String yaml =
        TestConfigs.edited(
            TestConfigs.SANDBOX_DEMO, "      minDwell: 30s", "      minDwell: \"30s\\n\"");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "60:17 services[0].policy.minDwell: must have no space or line break around it, got"
                + " '30s\\n'");
  }

  @Test
  void aTimeWithATrailingSpaceIsNoTime() {
    String yaml =
        TestConfigs.edited(
            TestConfigs.DIVERSION,
            "from: 2026-11-11T19:55+08:00",
            "from: \"2026-11-11T19:55+08:00 \"");

    assertThat(TestConfigs.errorsOf(yaml))
        .singleElement()
        .asString()
        .endsWith(
            "windows[0].from: must have no space or line break around it, got"
                + " '2026-11-11T19:55+08:00 '");
  }

  @Test
  void aDuplicateKeyInAFlowMappingIsAnErrorAtTheSecondOne() {
    String yaml =
        TestConfigs.edited(
            TestConfigs.DIVERSION,
            "function: { name: mall-serverless, qualifier: \"7\" }",
            "function: { name: mall-serverless, qualifier: \"7\", name: other }");

    assertThat(TestConfigs.errorsOf(yaml))
        .singleElement()
        .asString()
        .endsWith(
            "services[0].backends.scf.function.name: duplicate key; each key may appear once");
  }

  @Test
  void anAliasIsRefusedRatherThanReadAsItsName() {
    String yaml =
        TestConfigs.edited(
                TestConfigs.SANDBOX_DEMO, "      minDwell: 30s", "      minDwell: &dwell 30s")
            .replace("          after: 60s", "          after: *dwell");

    assertThat(TestConfigs.errorsOf(yaml))
        .singleElement()
        .asString()
        .endsWith(
            "services[0].policy.failover.failback.after: YAML aliases are not supported (nor"
                + " merge keys, <<); write the value out, got *dwell");
  }

  @Test
  void nothingInsideAnUnknownKeyIsReported() {
    String yaml =
        "extras: [*a, *b]\n" + TestConfigs.read(TestConfigs.SANDBOX_DEMO).replace("---\n", "");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "1:1 extras: unknown key; expected one of controller, notifications, services");
  }

  @Test
  void nestingDeeperThanAnyConfigIsRefusedWithoutExhaustingTheStack() {
    String deep = "services: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

    assertThat(TestConfigs.errorsOf(deep))
        .containsExactly("1:1 (root): nests deeper than 32 levels; a config needs about 8");
  }
}
