package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileHomeTargetsTest {
  private static final List<CvmTarget> HOME =
      List.of(new CvmTarget("ins-1", 80, 10), new CvmTarget("ins-2", 8080, 20));

  @TempDir Path state;

  private List<Path> files() throws IOException {
    try (Stream<Path> listed = Files.list(state.resolve("clb"))) {
      return listed.toList();
    }
  }

  @Test
  void storedTargetsSurviveANewStoreOnTheSameDirectory() throws IOException {
    new FileHomeTargets(state.resolve("clb")).save("lb-1/lbl-1/loc-1", HOME);

    assertThat(new FileHomeTargets(state.resolve("clb")).load("lb-1/lbl-1/loc-1"))
        .containsExactlyElementsOf(HOME);
    assertThat(files()).as("no temporary file left").hasSize(1);
    assertThat(Files.readString(files().getFirst()))
        .as("the file names its rule")
        .contains("\"rule\" : \"lb-1/lbl-1/loc-1\"");
  }

  @Test
  void aRuleWithoutAFileHasNoHomeTargets() {
    assertThat(new FileHomeTargets(state.resolve("clb")).load("lb-1/lbl-1/loc-1")).isEmpty();
  }

  @Test
  void savingAgainReplacesTheWholeFile() {
    FileHomeTargets store = new FileHomeTargets(state.resolve("clb"));
    store.save("lb-1/lbl-1/loc-1", HOME);

    store.save("lb-1/lbl-1/loc-1", List.of(new CvmTarget("ins-3", 80, 5)));

    assertThat(store.load("lb-1/lbl-1/loc-1")).containsExactly(new CvmTarget("ins-3", 80, 5));
  }

  @Test
  void rulesNamedByDomainAndUrlGetSafeFilesOfTheirOwn() throws IOException {
    FileHomeTargets store = new FileHomeTargets(state.resolve("clb"));
    store.save("lb-1/lbl-1/*.example.com/a/b", HOME);
    store.save("lb-1/lbl-1/*.example.com/a_b", List.of(new CvmTarget("ins-3", 80, 5)));

    assertThat(store.load("lb-1/lbl-1/*.example.com/a/b")).containsExactlyElementsOf(HOME);
    assertThat(files())
        .hasSize(2)
        .allSatisfy(
            f -> assertThat(f.getFileName().toString()).matches("clb-home-[A-Za-z0-9._-]+"));
  }

  @Test
  void anUnreadableFileIsAnErrorNotAnEmptyHome() throws IOException {
    FileHomeTargets store = new FileHomeTargets(state.resolve("clb"));
    store.save("lb-1/lbl-1/loc-1", HOME);
    Files.writeString(files().getFirst(), "{\"rule\": ");

    assertThatThrownBy(() -> store.load("lb-1/lbl-1/loc-1"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot read the home targets");
  }
}
