package io.sluice.sandbox;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a sandbox has started so far, in order, each with how to stop it. A failed start and a close
 * both stop them in reverse order, each one even when stopping an earlier one failed, so that a
 * half-started sandbox leaves no thread, port, process or file behind. Blocking: use it from a
 * plain thread, never an event loop.
 */
final class StartedResources {
  private final Deque<Started> started = new ArrayDeque<>();
  private final Consumer<String> beforeEachStep;

  private record Started(String name, Supplier<Future<?>> stop) {}

  StartedResources() {
    this(step -> {});
  }

  /**
   * @param beforeEachStep runs with a step's name before the step starts; a test throws from it to
   *     make that step fail
   */
  StartedResources(Consumer<String> beforeEachStep) {
    this.beforeEachStep = beforeEachStep;
  }

  /**
   * Starts one resource and remembers how to stop it. A resource whose start throws is not
   * remembered: the step must release what it took itself (or own nothing until it succeeds).
   */
  synchronized <T> T start(String name, Supplier<T> start, Function<T, Future<?>> stop) {
    beforeEachStep.accept(name);
    T resource = start.get();
    started.push(new Started(name, () -> stop.apply(resource)));
    return resource;
  }

  /**
   * Stops everything in reverse order of starting. Throws the first failure to stop, with any later
   * ones suppressed in it, once all have been tried.
   */
  void stopAll() {
    RuntimeException failure = stopEach();
    if (failure != null) {
      throw failure;
    }
  }

  /** Stops everything after {@code startFailure}, adding any failure to stop to it. */
  void stopAfter(RuntimeException startFailure) {
    RuntimeException failure = stopEach();
    if (failure != null) {
      startFailure.addSuppressed(failure);
    }
  }

  private RuntimeException stopEach() {
    RuntimeException first = null;
    for (Started next = pop(); next != null; next = pop()) {
      try {
        next.stop().get().toCompletionStage().toCompletableFuture().join();
      } catch (RuntimeException e) {
        RuntimeException named =
            new IllegalStateException("stopping " + next.name() + " failed", e);
        if (first == null) {
          first = named;
        } else {
          first.addSuppressed(named);
        }
      }
    }
    return first;
  }

  private synchronized Started pop() {
    return started.poll();
  }
}
