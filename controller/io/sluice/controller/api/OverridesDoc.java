package io.sluice.controller.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.policies.TrafficSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The overrides as a replica group shares them: the {@code overrides} shared document, JSON with a
 * format number, the overrides in force (their times on the group's clock) and the resume
 * generations. Reading it is strict (an unknown field, a missing one, a kind or split that does not
 * parse), since a replica that half-understood a newer replica's document and then wrote it back
 * would drop what it did not understand; {@link Unreadable} names the field.
 */
final class OverridesDoc {
  static final String NAME = "overrides";
  static final int FORMAT = 1;
  private static final Set<String> KINDS = Set.of("pin", "split", "pause");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .build();

  /** The document's shape. */
  record Content(int format, List<OverrideRecord> overrides, Map<String, Long> resumeGenerations) {}

  /** The document cannot be read; the message names the field. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private OverridesDoc() {}

  static byte[] encode(List<OverrideRecord> overrides, Map<String, Long> resumeGenerations) {
    try {
      return JSON.writeValueAsBytes(new Content(FORMAT, overrides, resumeGenerations));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the overrides", e);
    }
  }

  static Content decode(byte[] data) throws Unreadable {
    Content content;
    try {
      content = JSON.readValue(data, Content.class);
    } catch (JsonMappingException e) {
      throw new Unreadable(field(e) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Unreadable("not JSON: " + e.getMessage());
    }
    if (content == null) {
      throw new Unreadable("(the document): empty");
    }
    if (content.format() != FORMAT) {
      throw new Unreadable(
          "format: "
              + content.format()
              + " is not the format this replica reads ("
              + FORMAT
              + "); is a newer replica in the group?");
    }
    if (content.overrides() == null || content.resumeGenerations() == null) {
      throw new Unreadable(
          (content.overrides() == null ? "overrides" : "resumeGenerations") + ": missing");
    }
    for (int i = 0; i < content.overrides().size(); i++) {
      check(i, content.overrides().get(i));
    }
    return content;
  }

  private static void check(int i, OverrideRecord record) throws Unreadable {
    String at = "overrides[" + i + "].";
    if (record == null) {
      throw new Unreadable("overrides[" + i + "]: null");
    }
    if (!KINDS.contains(record.kind())) {
      throw new Unreadable(at + "kind: '" + record.kind() + "' is none of " + KINDS);
    }
    if (!record.kind().equals("pause")) {
      if (record.split().isEmpty()) {
        throw new Unreadable(at + "split: missing for a " + record.kind());
      }
      try {
        TrafficSplit.parse(record.split().get());
      } catch (RuntimeException e) {
        throw new Unreadable(at + "split: " + e.getMessage());
      }
    }
  }

  /** {@code overrides[0].expiresAt}, from the path Jackson was on. */
  private static String field(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(the document)" : path.toString();
  }
}
