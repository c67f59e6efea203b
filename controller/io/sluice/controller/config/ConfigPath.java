package io.sluice.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a value sits in the config tree, written {@code services[1].policy.minDwell}; a key that is
 * not a plain word (a domain, say) is quoted: {@code domains['shop.example.com']}.
 *
 * @param segments property names ({@link String}) and array indexes ({@link Integer})
 */
public record ConfigPath(List<Object> segments) {
  public static final ConfigPath ROOT = new ConfigPath(List.of());
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  public ConfigPath {
    segments = List.copyOf(segments);
  }

  public ConfigPath key(String name) {
    return append(name);
  }

  public ConfigPath index(int i) {
    return append(i);
  }

  /** Appends a property name or index as the JSON Schema validator reports them. */
  ConfigPath append(Object segment) {
    List<Object> longer = new ArrayList<>(segments);
    longer.add(segment);
    return new ConfigPath(longer);
  }

  public ConfigPath parent() {
    return segments.isEmpty() ? this : new ConfigPath(segments.subList(0, segments.size() - 1));
  }

  /** The last property name, or empty for the root or an array element. */
  public String lastKey() {
    return !segments.isEmpty() && segments.getLast() instanceof String s ? s : "";
  }

  public boolean startsWith(ConfigPath prefix) {
    return segments.size() >= prefix.segments.size()
        && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
  }

  /**
   * Removes the key that holds this path from {@code tree}: the path's last key, so a bad list item
   * takes its whole list out and the list's default, if any, applies.
   */
  void removeFrom(JsonNode tree) {
    int last = segments.size() - 1;
    while (last >= 0 && !(segments.get(last) instanceof String)) {
      last--;
    }
    if (last < 0) {
      return;
    }
    JsonNode parent = tree;
    for (Object segment : segments.subList(0, last)) {
      parent = segment instanceof Integer i ? parent.path(i) : parent.path((String) segment);
    }
    if (parent instanceof ObjectNode object) {
      object.remove((String) segments.get(last));
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else if (PLAIN_KEY.matcher((String) segment).matches()) {
        out.append(out.isEmpty() ? "" : ".").append(segment);
      } else {
        out.append("['").append(segment).append("']");
      }
    }
    return out.isEmpty() ? "(root)" : out.toString();
  }
}
