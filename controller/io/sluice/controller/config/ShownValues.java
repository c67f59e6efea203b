package io.sluice.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.controller.log.Redaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a config error may show of the values it quotes, since errors go to terminals and CI logs,
 * outside the log's redaction: a value taken from the environment only as the {@code ${NAME}} the
 * file wrote (a SecretKey or a WeCom {@code key=} kept in a variable stays there); a value at a key
 * that holds secrets (a token's {@code sha256}, which may be the token pasted in its place, a
 * webhook {@code url}, a probe header) not at all, only its length; anything shaped like a secret
 * masked ({@link Redaction}); and control characters escaped, so no value can forge a line.
 */
final class ShownValues {
  /** A bare value shorter than this is a port, a flag or a word: replacing it would garble text. */
  static final int SHORTEST_BARE = 8;

  private record Hidden(String value, String quoted, String bare) {}

  private final List<Hidden> hidden;

  private ShownValues(List<Hidden> hidden) {
    this.hidden =
        hidden.stream().sorted(Comparator.comparingInt(h -> -h.value().length())).toList();
  }

  /**
   * @param environment each variable the file referred to, with its value
   * @param tree the file as read, before any key was pruned
   */
  static ShownValues of(Map<String, String> environment, Optional<JsonNode> tree) {
    List<Hidden> hidden = new ArrayList<>();
    environment.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            hidden.add(new Hidden(value, "'${" + name + "}'", "${" + name + "}"));
          }
        });
    tree.ifPresent(t -> secrets(t, ConfigPath.ROOT, hidden));
    return new ShownValues(hidden);
  }

  private static void secrets(JsonNode node, ConfigPath at, List<Hidden> hidden) {
    if (node.isTextual() && holdsSecret(at) && !node.asText().isEmpty()) {
      String value = node.asText();
      hidden.add(
          new Hidden(
              value,
              "a value of " + value.length() + " characters (not shown: it may be a secret)",
              "(not shown)"));
    } else if (node.isObject()) {
      node.properties().forEach(p -> secrets(p.getValue(), at.key(p.getKey()), hidden));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        secrets(node.get(i), at.index(i), hidden);
      }
    }
  }

  /** A token's hash (or the token pasted instead), a webhook's URL, a probe's header values. */
  static boolean holdsSecret(ConfigPath path) {
    List<Object> s = path.segments();
    String last = path.lastKey();
    boolean under = s.size() >= 3;
    return (under && last.equals("sha256") && s.get(s.size() - 3).equals("tokens"))
        || (under && last.equals("url") && s.get(s.size() - 3).equals("webhooks"))
        || (s.size() >= 2 && "headers".equals(s.get(s.size() - 2)));
  }

  List<ConfigError> apply(List<ConfigError> errors) {
    return errors.stream()
        .map(
            e ->
                new ConfigError(
                    Redaction.escapeControls(e.file()),
                    e.line(),
                    e.column(),
                    Redaction.escapeControls(e.path()),
                    message(e.message())))
        .toList();
  }

  String message(String message) {
    String out = message;
    for (Hidden h : hidden) {
      out = out.replace("'" + h.value() + "'", h.quoted());
      if (h.value().length() >= SHORTEST_BARE) {
        out = out.replace(h.value(), h.bare());
      }
    }
    return Redaction.clean(out);
  }
}
