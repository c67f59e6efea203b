package io.sluice.controller.reconcile;

import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Routing;
import io.sluice.policies.TrafficSplit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the reconciler last read of each piece of its route (one per actuator, in the config's
 * order), and when. A piece is known (a {@link Routing}), empty (it routes to nothing, a state to
 * repair before anything else) or unread (never read, a read that failed, or a change whose outcome
 * is unknown).
 */
final class CloudView {
  static final Duration REREAD_EVERY = Duration.ofSeconds(30);

  /** One piece as last read. */
  sealed interface Piece {
    /** The parts' splits for {@link PieceGuard}; empty for a piece that routes to nothing. */
    default List<TrafficSplit> parts() {
      return List.of();
    }
  }

  record Known(Routing routing) implements Piece {
    @Override
    public List<TrafficSplit> parts() {
      return routing.parts();
    }
  }

  record Empty(String detail) implements Piece {}

  record Unread(String why) implements Piece {}

  private final List<Actuator> actuators;
  private final Map<Actuator, Piece> pieces = new LinkedHashMap<>();
  private long readAtNanos;

  CloudView(List<Actuator> actuators, long nowNanos) {
    this.actuators = List.copyOf(actuators);
    this.readAtNanos = nowNanos;
    forgetAll("not read yet");
  }

  List<Actuator> actuators() {
    return actuators;
  }

  Piece piece(Actuator actuator) {
    return pieces.get(actuator);
  }

  void put(Actuator actuator, Piece piece) {
    pieces.put(actuator, Objects.requireNonNull(piece, "piece"));
  }

  /** After a change whose outcome is unknown: nothing is known until read again. */
  void forgetAll(String why) {
    actuators.forEach(a -> pieces.put(a, new Unread(why)));
  }

  void readAt(long nowNanos) {
    readAtNanos = nowNanos;
  }

  boolean stale(long nowNanos) {
    return nowNanos - readAtNanos > REREAD_EVERY.toNanos();
  }

  /** Marks the view as read long ago, so the next tick reads it again. */
  void expire(long nowNanos) {
    readAtNanos = nowNanos - REREAD_EVERY.toNanos() - 1;
  }

  boolean anyUnread() {
    return pieces.values().stream().anyMatch(Unread.class::isInstance);
  }

  boolean anyEmpty() {
    return pieces.values().stream().anyMatch(Empty.class::isInstance);
  }

  /**
   * What the route reports as its split: the routing of the first piece that holds every split as
   * itself (a CLB rule that holds only whole splits beside DNS weights says less than the records),
   * or of the first piece when none does; empty while that piece is not known.
   */
  Optional<Routing> reported() {
    Actuator reporting =
        actuators.stream()
            .filter(Actuator::holdsEverySplit)
            .findFirst()
            .orElse(actuators.getFirst());
    return pieces.get(reporting) instanceof Known known
        ? Optional.of(known.routing())
        : Optional.empty();
  }

  /** The split of {@link #reported}. */
  Optional<TrafficSplit> reportedSplit() {
    return reported().map(Routing::split);
  }

  /** The split of the first known piece, those that hold every split first, in config order. */
  Optional<TrafficSplit> firstKnownSplit() {
    Optional<TrafficSplit> exact = knownSplit(true);
    return exact.isPresent() ? exact : knownSplit(false);
  }

  private Optional<TrafficSplit> knownSplit(boolean exactOnly) {
    return actuators.stream()
        .filter(a -> !exactOnly || a.holdsEverySplit())
        .map(pieces::get)
        .filter(Known.class::isInstance)
        .map(p -> ((Known) p).routing().split())
        .findFirst();
  }

  /** Whether every piece is known and holds {@code split} ({@link Actuator#holds}). */
  boolean allAt(TrafficSplit split) {
    return actuators.stream().allMatch(a -> at(a, split));
  }

  /** Whether every piece is known and holds the split the route reports. */
  boolean consistent() {
    return firstKnownSplit().map(this::allAt).orElse(false);
  }

  /** Whether {@code actuator}'s piece is known and holds {@code target}. */
  boolean at(Actuator actuator, TrafficSplit target) {
    return pieces.get(actuator) instanceof Known k && actuator.holds(k.routing(), target);
  }

  /** Each piece in one line, for logs and audit entries. */
  String describe() {
    StringBuilder text = new StringBuilder();
    pieces.forEach(
        (actuator, piece) -> {
          if (!text.isEmpty()) {
            text.append("; ");
          }
          text.append(actuator.kind())
              .append(' ')
              .append(
                  switch (piece) {
                    case Known k -> k.routing().detail();
                    case Empty e -> "routes to nothing: " + e.detail();
                    case Unread u -> "unread: " + u.why();
                  });
        });
    return text.toString();
  }
}
