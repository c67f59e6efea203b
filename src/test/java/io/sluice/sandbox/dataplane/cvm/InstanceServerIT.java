package io.sluice.sandbox.dataplane.cvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class InstanceServerIT {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    join(vertx.close());
  }

  @Test
  void aRestartWhoseOldPortWasTakenServesOnAFreshOne() throws Exception {
    InstanceServer server =
        new InstanceServer(vertx, "ins-1", InstanceBehaviour.Serving::withDefaultBody);
    // The squatter holds its port before the server asks for it: closing a server and binding its
    // freed port afterwards would race every other test in this JVM for that port.
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int old = squatter.getLocalPort();
      int second = join(server.listen(old));

      assertThat(second).isNotEqualTo(old).isPositive();
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
    }
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
