package io.sluice.sandbox.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One API call as it came off the wire: its headers (looked up case-insensitively, as HTTP wants)
 * and its raw body bytes, which the signature covers and which must never be re-serialized before
 * verifying. Keeping the HTTP layer out of the dispatcher lets unit tests drive it directly.
 */
public record HttpCall(Map<String, String> headers, byte[] body) {

  public HttpCall {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = copy;
    body = body.clone();
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The header's value, or empty when absent. */
  public String headerOrEmpty(String name) {
    return headers.getOrDefault(name, "");
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
