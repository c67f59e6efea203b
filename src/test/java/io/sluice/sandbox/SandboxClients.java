package io.sluice.sandbox;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;

/** Typed SDK clients on a running sandbox, signed with its first credential. */
public final class SandboxClients {
  private SandboxClients() {}

  /**
   * A typed SDK client (ClbClient, DnspodClient...) on the sandbox's API endpoint, with explicit
   * timeouts as reference section 2.2 recommends.
   */
  public static <T> T client(Sandbox sandbox, Class<T> type) throws Exception {
    HttpProfile http = new HttpProfile();
    http.setEndpoint(sandbox.apiEndpoint());
    http.setProtocol(HttpProfile.REQ_HTTP);
    http.setConnTimeout(5);
    http.setReadTimeout(10);
    http.setWriteTimeout(10);
    var credentials = sandbox.scenario().credentials().getFirst();
    Credential credential = new Credential(credentials.secretId(), credentials.secretKey());
    return type.getConstructor(Credential.class, String.class, ClientProfile.class)
        .newInstance(
            credential, sandbox.region(), new ClientProfile(ClientProfile.SIGN_TC3_256, http));
  }
}
