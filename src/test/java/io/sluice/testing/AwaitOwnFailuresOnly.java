package io.sluice.testing;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes every Awaitility wait fail on its own condition only. By default a wait also fails with any
 * exception left uncaught on any thread of the JVM while it waits; test classes run side by side in
 * one JVM, so a Vert.x thread of another test's daemon, ending as that test closes it (a {@code
 * RejectedExecutionException: event executor terminated}), failed an unrelated test's wait
 * (DaemonKillIT on CI). Registered for every test class through JUnit's extension auto-detection
 * (junit-platform.properties, META-INF/services).
 */
public final class AwaitOwnFailuresOnly implements BeforeAllCallback {
  static {
    Awaitility.doNotCatchUncaughtExceptionsByDefault();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // the static initializer did the work, once per JVM, before the first class's tests
  }
}
