package io.sluice.health;

import java.util.Map;

/** A backend's rule and its checks, by name in registration order. */
record WatchedBackend(BackendRule rule, Map<String, WatchedCheck> checks) {}
