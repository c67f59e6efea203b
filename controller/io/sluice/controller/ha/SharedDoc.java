package io.sluice.controller.ha;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One document the whole group shares, such as the operator's overrides: any replica may change it
 * (followers too, so an override set through any replica's API holds for the group), by
 * compare-and-set on its version, and every replica is told of each change.
 *
 * <p>Futures complete, and listeners are called, on the daemon's context.
 */
public interface SharedDoc {

  /** The document as last seen; empty when it does not exist (yet). */
  Optional<Versioned> current();

  /**
   * Replaces the document if its version is still {@code expected} ({@link Versioned#NONE} when it
   * must not exist yet).
   *
   * @return the new version; fails with {@link Conflict} when another change came first (read
   *     {@link #current()} again and retry), or with another exception when the outcome is unknown
   */
  Future<Versioned> replace(byte[] data, int expected);

  /**
   * Reads the document from the group now, rather than as last seen, and takes it as {@link
   * #current} when newer: after a {@link #replace} whose outcome is unknown, to learn whether it
   * landed before the watch says so. A group that shows every change at once (a group of one) reads
   * {@link #current}.
   *
   * @return the document as read; fails when the group cannot be reached
   */
  default Future<Optional<Versioned>> read() {
    return Future.succeededFuture(current());
  }

  /** Tells {@code listener} of each change, by any replica (this one included). */
  void watch(Consumer<Optional<Versioned>> listener);

  /** A version of the document. */
  record Versioned(int version, byte[] data) {
    /** The expected version of a document that does not exist yet. */
    public static final int NONE = -1;
  }

  /** Another replica changed the document first. */
  final class Conflict extends RuntimeException {
    public Conflict(String name, int expected) {
      super("the shared " + name + " changed since version " + expected);
    }
  }
}
