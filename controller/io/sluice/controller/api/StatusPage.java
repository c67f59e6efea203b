package io.sluice.controller.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The status page at {@code /}: one HTML file, one script and one style sheet from the classpath,
 * served without a token because they hold no data. The script reads {@code /v1/services} with the
 * token the operator pastes, so every datum still goes through the API's authentication. The
 * Content-Security-Policy allows scripts, styles and fetches from this origin only, so text from
 * the API can never run as code even if the script had a bug.
 */
final class StatusPage {
  static final String FOLDER = "io/sluice/controller/api/page/";
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** Path served, to the file under {@link #FOLDER} and its content type. */
  static final Map<String, Asset> ASSETS =
      Map.of(
          "/", new Asset("index.html", "text/html; charset=utf-8"),
          "/page/status.js", new Asset("status.js", "text/javascript; charset=utf-8"),
          "/page/status.css", new Asset("status.css", "text/css; charset=utf-8"));

  record Asset(String file, String contentType) {}

  private StatusPage() {}

  /** Whether {@code path} is one of the page's files (they need no token). */
  static boolean serves(String path) {
    return ASSETS.containsKey(path);
  }

  /** Adds a GET route for every file of the page; read once, here, so a missing one fails now. */
  static void route(Router router) {
    ASSETS.forEach(
        (path, asset) -> {
          Buffer body = Buffer.buffer(read(asset.file()));
          router
              .get(path)
              .handler(
                  ctx ->
                      ctx.response()
                          .putHeader("content-type", asset.contentType())
                          .putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
                          .putHeader("x-content-type-options", "nosniff")
                          .putHeader("referrer-policy", "no-referrer")
                          .putHeader("cache-control", "no-cache")
                          .end(body));
        });
  }

  private static byte[] read(String file) {
    try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException(FOLDER + file + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
