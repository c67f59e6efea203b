package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.cli.SluiceCommand;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's client commands against the API: tables, JSON, problems and exit codes. */
final class ApiCliTest {
  @TempDir Path stateDir;
  ApiHarness api;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    api = ApiHarness.start(stateDir);
    api.ticks(5, Duration.ofSeconds(1));
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  Run cli(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--addr", api.base()));
    if (token != null) {
      all.addAll(List.of("--token", token));
    }
    return run(all.toArray(String[]::new));
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SluiceCommand.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void statusPrintsATableOrTheJson() {
    Run table = cli(ApiHarness.VIEWER, "status");
    assertThat(table.code()).isZero();
    assertThat(table.out()).contains("SERVICE", "shop", "lab", "cvm=100,scf=0");
    assertThat(table.out()).as("alone: no group line").doesNotContain("group:");
    Run json = cli(ApiHarness.VIEWER, "status", "shop", "--json");
    assertThat(new JsonObject(json.out()).getString("name")).isEqualTo("shop");
  }

  @Test
  void overrideSplitExplainAuditAndClear() {
    Run split =
        cli(
            ApiHarness.SHOP_OPERATOR,
            "override",
            "shop",
            "--split",
            "cvm=70,scf=30",
            "--ttl",
            "5m",
            "--reason",
            "load test");
    assertThat(split.code()).as(split.err()).isZero();
    assertThat(split.out()).contains("override split cvm=70,scf=30 by shop-operator");
    assertThat(api.desk.store().current("shop").orElseThrow().split()).contains("cvm=70,scf=30");
    Run audit = cli(ApiHarness.VIEWER, "audit", "--service", "shop");
    assertThat(audit.out()).contains("override.set", "shop-operator", "load test");
    Run clear = cli(ApiHarness.SHOP_OPERATOR, "override", "shop", "--clear");
    assertThat(clear.code()).isZero();
    assertThat(clear.out()).contains("cleared");
    assertThat(api.desk.store().current("shop")).isEmpty();
  }

  @Test
  void aProblemIsPrintedWithItsFieldAndRuleAndExitsOne() {
    Run overCap =
        cli(ApiHarness.ADMIN, "override", "shop", "--pin", "scf", "--ttl", "2h", "--reason", "x");
    assertThat(overCap.code()).isEqualTo(1);
    assertThat(overCap.err()).contains("(400)", "field ttl", "maxOverrideTtl");
    Run denied = cli(ApiHarness.VIEWER, "resume", "shop", "--reason", "x");
    assertThat(denied.code()).isEqualTo(1);
    assertThat(denied.err()).contains("(403)");
    Run noToken = cli(null, "status");
    assertThat(noToken.code()).isEqualTo(1);
    assertThat(noToken.err()).contains("(401)");
  }

  @Test
  void anUnreachableApiExitsTwo() {
    // port 1 (tcpmux) is privileged and unused on test machines: the connection is refused
    Run down = run("status", "--addr", "http://127.0.0.1:1", "--token", "x");
    assertThat(down.code()).isEqualTo(2);
    assertThat(down.err()).contains("cannot reach the API at http://127.0.0.1:1");
  }

  @Test
  void overrideNeedsTtlAndReasonAndAValidSplit() {
    assertThat(cli(ApiHarness.ADMIN, "override", "shop", "--pin", "scf").err())
        .contains("--ttl and --reason are required");
    assertThat(
            cli(
                    ApiHarness.ADMIN,
                    "override",
                    "shop",
                    "--split",
                    "cvm=101",
                    "--ttl",
                    "1m",
                    "--reason",
                    "x")
                .err())
        .contains("--split: weights must be 0-100");
  }

  @Test
  void tokenPrintsATokenAndTheHashOfIt() {
    Run made = run("token", "--id", "ops-alice", "--role", "operator", "--services", "shop");
    assertThat(made.code()).isZero();
    String token =
        made.out()
            .lines()
            .filter(l -> l.startsWith("token:"))
            .findFirst()
            .orElseThrow()
            .substring("token:".length())
            .trim();
    assertThat(token).startsWith("sluice_").hasSizeGreaterThan(40);
    assertThat(made.out())
        .contains(
            "{ id: ops-alice, sha256: "
                + Tokens.sha256(token)
                + ", role: operator, services: [shop] }");
    assertThat(run("token", "--id", "ops-alice").out()).doesNotContain(token);
    assertThat(run("token", "--id", "Ops!").err()).contains("--id: must match");
  }
}
