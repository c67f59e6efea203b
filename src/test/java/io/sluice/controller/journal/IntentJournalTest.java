package io.sluice.controller.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class IntentJournalTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T07:30:00Z"), ZoneOffset.UTC);

  @TempDir Path stateDir;

  @Test
  void anIntentWithoutAnOutcomeSurvivesARestartAsUnfinished() throws IOException {
    try (IntentJournal journal = IntentJournal.open(stateDir, CLOCK)) {
      journal.intent("shop", "cvm=0,scf=100", "cvm DOWN for 5s");
      journal.step("shop", "DeregisterTargets", "lb-1/lbl-1/loc-1", "ins-1:80");
      journal.stepDone("shop", "DeregisterTargets", "lb-1/lbl-1/loc-1", "req-1", "APPLIED");
      journal.intent("mall", "cvm=100,scf=0", "failback");
      journal.outcome("mall", "APPLIED", "cvm=100,scf=0");
    }

    try (IntentJournal reopened = IntentJournal.open(stateDir, CLOCK)) {
      assertThat(reopened.unfinishedIntent("shop"))
          .hasValueSatisfying(e -> assertThat(e.field("desired")).isEqualTo("cvm=0,scf=100"));
      assertThat(reopened.unfinishedIntent("mall")).isEmpty();
      assertThat(reopened.lastIntent("mall"))
          .hasValueSatisfying(e -> assertThat(e.field("reason")).isEqualTo("failback"));
      reopened.outcome("shop", "APPLIED", "cvm=0,scf=100");
      assertThat(reopened.entries())
          .extracting(JournalEntry::seq)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }
  }

  @Test
  void everyAppendIsOnDiskBeforeTheCallReturns() throws IOException {
    try (IntentJournal journal = IntentJournal.open(stateDir, CLOCK)) {
      journal.intent("shop", "cvm=0,scf=100", "cvm DOWN");

      assertThat(Files.readAllLines(stateDir.resolve(IntentJournal.FILE_NAME)))
          .singleElement()
          .satisfies(
              line -> assertThat(line).contains("\"type\":\"INTENT\"", "\"route\":\"shop\""));
    }
  }

  @Test
  void timesAreWrittenForPeopleAndOldNumericOnesStillLoad() throws IOException {
    Files.writeString(
        stateDir.resolve(IntentJournal.FILE_NAME),
        "{\"seq\":1,\"at\":1.795509217294971E9,\"route\":\"shop\",\"type\":\"INTENT\","
            + "\"fields\":{\"desired\":\"cvm=0,scf=100\",\"reason\":\"cvm DOWN\"}}\n");
    try (IntentJournal journal = IntentJournal.open(stateDir, CLOCK)) {
      assertThat(journal.unfinishedIntent("shop")).isPresent();
      journal.outcome("shop", "APPLIED", "cvm=0,scf=100");
    }

    assertThat(Files.readAllLines(stateDir.resolve(IntentJournal.FILE_NAME)).getLast())
        .contains("\"at\":\"" + CLOCK.instant() + "\"");
  }

  @Test
  void aLineTornByACrashIsDroppedAndTheRestIsKept() throws IOException {
    try (IntentJournal journal = IntentJournal.open(stateDir, CLOCK)) {
      journal.intent("shop", "cvm=0,scf=100", "cvm DOWN");
    }
    Files.writeString(
        stateDir.resolve(IntentJournal.FILE_NAME),
        "{\"seq\":2,\"at\":\"2026-11-24T07:30:00Z\",\"rou",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    try (IntentJournal reopened = IntentJournal.open(stateDir, CLOCK)) {
      assertThat(reopened.entries()).hasSize(1);
      reopened.outcome("shop", "APPLIED", "cvm=0,scf=100");
    }
    assertThat(Files.readAllLines(stateDir.resolve(IntentJournal.FILE_NAME))).hasSize(2);
  }

  @Test
  void aDamagedLineAnywhereIsDroppedSoTheDaemonStillStarts() throws IOException {
    try (IntentJournal journal = IntentJournal.open(stateDir, CLOCK)) {
      journal.intent("shop", "cvm=0,scf=100", "cvm DOWN");
    }
    Path file = stateDir.resolve(IntentJournal.FILE_NAME);
    byte[] torn =
        "{\"seq\":2,\"route\":\"shop\",\"fields\":{\"outcome\":\"\u5931"
            .getBytes(StandardCharsets.UTF_8);
    Files.write(
        file,
        java.util.Arrays.copyOf(torn, torn.length - 1), // cut inside a multi-byte character
        StandardOpenOption.APPEND);
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
    try (IntentJournal journal = IntentJournal.open(stateDir, CLOCK)) {
      journal.outcome("shop", "APPLIED", "cvm=0,scf=100");
    }

    try (IntentJournal reopened = IntentJournal.open(stateDir, CLOCK)) {
      assertThat(reopened.entries())
          .extracting(JournalEntry::type)
          .containsExactly(JournalEntry.Type.INTENT, JournalEntry.Type.OUTCOME);
      assertThat(reopened.unfinishedIntent("shop")).isEmpty();
    }
  }

  @Test
  void compactionKeepsTheLatestEntriesOfEveryRoute() throws IOException {
    try (IntentJournal journal = IntentJournal.open(stateDir, CLOCK, 8 * 1024)) {
      journal.intent("quiet", "cvm=100,scf=0", "start");
      for (int i = 0; i < 200; i++) {
        journal.intent("busy", "cvm=" + (i % 100) + ",scf=" + (100 - i % 100), "step " + i);
      }
      assertThat(Files.size(stateDir.resolve(IntentJournal.FILE_NAME))).isLessThan(2 * 8 * 1024);
    }

    try (IntentJournal reopened = IntentJournal.open(stateDir, CLOCK)) {
      assertThat(reopened.lastIntent("quiet")).isPresent();
      assertThat(reopened.lastIntent("busy"))
          .hasValueSatisfying(e -> assertThat(e.field("reason")).isEqualTo("step 199"));
      assertThat(reopened.entries()).hasSizeLessThanOrEqualTo(1 + IntentJournal.KEPT_PER_ROUTE);
    }
  }
}
