package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.api.Tokens;
import io.sluice.controller.daemon.SandboxDaemon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's whole story on the sandbox (examples/demo), through the CLI: pin shop to SCF, see
 * the function answer shop's users, let the override expire, watch automation bring shop back to
 * CVM, and find every step, with its cloud RequestIds, in the audit log; explain says why at each
 * moment.
 */
final class OperatorOverrideIT {
  private static final String SHOP = "shop.sluice.local";
  // the demo config's admin token, made here as `sluice demo` makes its own
  private static final String TOKEN = Tokens.generate();
  private static final Duration TTL = Duration.ofSeconds(15);
  // probes rise 2 x 1s, warm-up ticks; then slack for a shared CI machine
  private static final Duration READY_BOUND = Duration.ofSeconds(30);
  // one tick, the CLB writes (tasks of 300 ms); then slack
  private static final Duration MOVE_BOUND = Duration.ofSeconds(1 + 2 + 20);
  // failback steps 50 then 100, 10s apart, after minDwell 10s; then slack
  private static final Duration FAILBACK_BOUND = Duration.ofSeconds(10 + 10 + 2 + 20);

  @TempDir Path stateDir;
  private SandboxDaemon sluice;

  @AfterEach
  void stop() {
    if (sluice != null) {
      sluice.close();
    }
  }

  @Test
  void anOperatorPinsShopToScfUntilTheOverrideExpires() throws Exception {
    sluice =
        SandboxDaemon.start(
            Path.of("examples/demo/world.yaml"),
            Path.of("examples/demo/sluice.yaml"),
            stateDir,
            Clock.systemUTC(),
            Map.of(DemoGuide.TOKEN_HASH_VARIABLE, Tokens.sha256(TOKEN)));
    await().atMost(READY_BOUND).until(() -> actual().equals("cvm=100,scf=0"));
    assertThat(sluice.follow(SHOP)).doesNotContain("Hello CLB");

    Run pin =
        cli(
            "override",
            "shop",
            "--pin",
            "scf",
            "--ttl",
            TTL.toSeconds() + "s",
            "--reason",
            "CVM maintenance");
    assertThat(pin.code()).as(pin.err()).isZero();
    assertThat(pin.out()).contains("override pin", "demo-admin");

    await().atMost(MOVE_BOUND).until(() -> sluice.follow(SHOP).contains("Hello CLB"));
    Run pinned = cli("explain", "shop");
    assertThat(pinned.out()).contains("why: operator override (pin scf by demo-admin");
    String pinnedAt = new JsonObject(cli("explain", "shop", "--json").out()).getString("at");
    assertThat(cli("status", "shop").out()).contains("pin cvm=0,scf=100 by demo-admin");

    await()
        .atMost(TTL.plus(FAILBACK_BOUND))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !sluice.follow(SHOP).contains("Hello CLB"));
    await().atMost(MOVE_BOUND).until(() -> actual().equals("cvm=100,scf=0"));
    Run back = cli("explain", "shop");
    assertThat(back.out()).contains("why: automation: cvm=100,scf=0");
    // and asked about the pinned moment, explain still tells of the override
    assertThat(cli("explain", "shop", "--at", pinnedAt).out())
        .contains("why: operator override (pin scf by demo-admin");

    JsonArray entries =
        new JsonObject(cli("audit", "--service", "shop", "--json").out()).getJsonArray("entries");
    List<JsonObject> audit = entries.stream().map(JsonObject.class::cast).toList();
    assertThat(audit.stream().map(e -> e.getString("action")))
        .containsSubsequence("override.set", "route.change", "override.expired", "route.change");
    JsonObject set = first(audit, "override.set");
    assertThat(set.getString("actor")).isEqualTo("demo-admin");
    assertThat(set.getString("reason")).isEqualTo("CVM maintenance");
    assertThat(set.getString("ttl")).isEqualTo(TTL.toSeconds() + "s");
    List<JsonObject> changes =
        audit.stream().filter(e -> e.getString("action").equals("route.change")).toList();
    assertThat(changes.getFirst().getString("after")).isEqualTo("cvm=0,scf=100");
    assertThat(changes.getFirst().getString("decision")).contains("override");
    assertThat(changes.getLast().getString("after")).isEqualTo("cvm=100,scf=0");
    // automation's own decision (a failback step, or the primary serving once it is whole)
    assertThat(changes.getLast().getString("decision")).doesNotContain("override");
    assertThat(changes.getLast().containsKey("override")).isFalse();
    assertThat(changes)
        .allSatisfy(
            c -> {
              assertThat(c.getJsonArray("cloudRequestIds")).isNotEmpty();
              assertThat(c.getString("outcome")).isEqualTo("APPLIED");
            });
    Run table = cli("audit", "--service", "shop");
    assertThat(table.out()).contains("override.set", "override.expired", "route.change");
  }

  private static JsonObject first(List<JsonObject> audit, String action) {
    return audit.stream()
        .filter(e -> e.getString("action").equals(action))
        .findFirst()
        .orElseThrow();
  }

  private String actual() {
    Run status = cli("status", "shop", "--json");
    if (status.code() != 0) {
      return "unknown";
    }
    String actual =
        new JsonObject(status.out()).getJsonArray("routes").getJsonObject(0).getString("actual");
    return actual == null ? "unknown" : actual;
  }

  private record Run(int code, String out, String err) {}

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--addr", "http://127.0.0.1:" + sluice.daemon().httpPort(), "--token", TOKEN));
    int code =
        SluiceCommand.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(Stream.of(all).flatMap(List::stream).toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
