package io.sluice.sandbox.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code Authorization} header: {@code TC3-HMAC-SHA256 Credential=<SecretId>/<date>/
 * <service>/tc3_request, SignedHeaders=<a;b>, Signature=<hex>}. Anything else is {@code
 * AuthFailure.InvalidAuthorization}. The signed header list must name {@code content-type} and
 * {@code host}, the minimum the algorithm requires; any further headers are honoured.
 */
public record Tc3Authorization(
    String secretId, String date, String service, List<String> signedHeaders, String signature) {

  public static Tc3Authorization parse(String header) {
    if (header == null || !header.startsWith(Tc3Signer.ALGORITHM + " ")) {
      throw invalid("must start with `" + Tc3Signer.ALGORITHM + " `");
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : header.substring(Tc3Signer.ALGORITHM.length() + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq < 1) {
        throw invalid("part `" + part.trim() + "` is not name=value");
      }
      parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    String credential = required(parts, "Credential");
    String[] scope = credential.split("/", -1);
    if (scope.length != 4 || scope[0].isEmpty() || !"tc3_request".equals(scope[3])) {
      throw invalid("Credential must be <SecretId>/<date>/<service>/tc3_request");
    }
    List<String> signed = Arrays.asList(required(parts, "SignedHeaders").split(";"));
    if (!signed.contains("content-type") || !signed.contains("host")) {
      throw invalid("SignedHeaders must include content-type and host");
    }
    return new Tc3Authorization(
        scope[0], scope[1], scope[2], List.copyOf(signed), required(parts, "Signature"));
  }

  private static String required(Map<String, String> parts, String name) {
    String value = parts.get(name);
    if (value == null || value.isEmpty()) {
      throw invalid(name + " is missing");
    }
    return value;
  }

  private static ApiException invalid(String why) {
    return new ApiException(
        "AuthFailure.InvalidAuthorization", "Authorization header is malformed: " + why + ".");
  }
}
