package io.sluice.controller.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.Backend;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class TimelineWorldTest {

  private static TimelineWorld read(String csv) throws IOException {
    return TimelineWorld.read("t.csv", new StringReader(csv));
  }

  @Test
  void aBackendRowHoldsUntilTheNextOne() throws IOException {
    TimelineWorld w = read("time,backend,value\n0s,cvm,up\n60s,cvm,down\n90s,cvm,up\n");

    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(59))).isTrue();
    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(60))).isFalse();
    assertThat(w.sample(Backend.CVM, "http", "a", Duration.ofSeconds(89)).kind())
        .isEqualTo(World.Sample.Kind.DOWN);
    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(90))).isTrue();
  }

  @Test
  void aPathFaultFailsOneProbeButNotTheBackend() throws IOException {
    TimelineWorld w = read("time,backend,value,check,vantage\n10s,scf,down,http,b\n");

    assertThat(w.sample(Backend.SCF, "http", "b", Duration.ofSeconds(11)).kind())
        .isEqualTo(World.Sample.Kind.DOWN);
    assertThat(w.sample(Backend.SCF, "http", "a", Duration.ofSeconds(11)).kind())
        .isEqualTo(World.Sample.Kind.UP);
    assertThat(w.healthy(Backend.SCF, Duration.ofSeconds(11))).isTrue();
  }

  @Test
  void aLaterBackendRowOverridesAnEarlierProbeRow() throws IOException {
    TimelineWorld w = read("time,backend,value,check,vantage\n10s,cvm,down,http,a\n20s,cvm,up\n");

    assertThat(w.sample(Backend.CVM, "http", "a", Duration.ofSeconds(25)).kind())
        .isEqualTo(World.Sample.Kind.UP);
  }

  @Test
  void numbersAreTheCvmLoad() throws IOException {
    TimelineWorld w = read("time,backend,value\n2m,cvm,950\n");

    assertThat(w.cvmLoad(Duration.ofSeconds(119))).isEmpty();
    assertThat(w.cvmLoad(Duration.ofSeconds(120))).hasValue(950.0);
  }

  @Test
  void reportsEveryBadRowWithItsLine() {
    String csv =
        "time,backend,value\n"
            + "# a comment\n"
            + "10,cvm,up\n"
            + "10s,ecs,up\n"
            + "20s,scf,sideways\n"
            + "30s,scf,800\n"
            + "40s,cvm,up\n";

    assertThatThrownBy(() -> read(csv))
        .isInstanceOf(TimelineWorld.TimelineException.class)
        .satisfies(
            e ->
                assertThat(((TimelineWorld.TimelineException) e).errors())
                    .containsExactly(
                        "t.csv:3: time: needs a unit (ms, s, m, h, d), like 10s, got '10'",
                        "t.csv:4: backend: must be cvm or scf, got 'ecs'",
                        "t.csv:5: value: must be up, down, inconclusive or a load number, got"
                            + " 'sideways'",
                        "t.csv:6: value: a load number applies to cvm only"));
  }
}
