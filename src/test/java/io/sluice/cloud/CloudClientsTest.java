package io.sluice.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Clients are built with explicit timeouts and the right endpoint; no network is touched. */
final class CloudClientsTest {
  private static final Credential CREDENTIAL = new Credential("AKIDTEST", "secret");

  @Test
  void sandboxClientsUsePlainHttpToOneEndpointWithExplicitTimeouts() {
    CloudClients clients =
        new CloudClients(CREDENTIAL, ClientSettings.sandbox("ap-guangzhou", "127.0.0.1:1"));

    for (var client : java.util.List.of(clients.clb(), clients.cvm(), clients.scf())) {
      HttpProfile http = client.getClientProfile().getHttpProfile();
      assertThat(http.getEndpoint()).isEqualTo("127.0.0.1:1");
      assertThat(http.getProtocol()).isEqualTo(HttpProfile.REQ_HTTP);
      assertThat(http.getConnTimeout()).isEqualTo(2);
      assertThat(http.getReadTimeout()).isEqualTo(5);
      assertThat(http.getWriteTimeout()).isEqualTo(5);
    }
  }

  @Test
  void cloudClientsUseTheRealEndpointsOverHttps() {
    CloudClients clients = new CloudClients(CREDENTIAL, ClientSettings.cloud("ap-guangzhou"));

    HttpProfile http = clients.clb().getClientProfile().getHttpProfile();
    assertThat(http.getEndpoint()).isNull();
    assertThat(http.getProtocol()).isEqualTo(HttpProfile.REQ_HTTPS);
    assertThat(clients.clb().getClientProfile()).isNotSameAs(clients.cvm().getClientProfile());
  }

  @Test
  void timeoutsAreWholeSecondsBecauseTheSdkTakesSeconds() {
    ClientSettings settings = ClientSettings.cloud("ap-guangzhou");

    assertThatThrownBy(() -> settings.withReadTimeout(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> settings.withReadTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLimiterStaysBelowTheDocumentedRate() {
    GuardSettings defaults = GuardSettings.defaults();

    assertThat(defaults.permitsPerSecond(CloudAction.DESCRIBE_TARGET_HEALTH)).isEqualTo(15);
    assertThat(defaults.permitsPerSecond(CloudAction.DESCRIBE_INSTANCES_STATUS)).isEqualTo(30);
  }
}
