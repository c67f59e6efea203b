package io.sluice.controller.daemon;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.provider.CvmRoleCredential;
import com.tencentcloudapi.common.provider.EnvironmentVariableCredentialsProvider;
import com.tencentcloudapi.common.provider.ProfileCredentialsProvider;
import io.sluice.controller.config.ControllerConfig;

/**
 * The cloud credential for a real cloud, through the SDK's own providers (which refresh role and
 * STS credentials ahead of expiry). The secret itself is never logged: errors name the source only.
 */
public final class CloudCredentials {
  private CloudCredentials() {}

  /**
   * @throws IllegalStateException naming the source when it yields no credential, or for {@code
   *     sandbox}, which only the embedded sandbox can serve
   */
  public static Credential from(ControllerConfig.Credentials config) {
    try {
      return switch (config.source()) {
        case ENV -> new EnvironmentVariableCredentialsProvider().getCredentials();
        case PROFILE -> new ProfileCredentialsProvider().getCredentials();
        case CVM_ROLE ->
            config.roleName().map(CvmRoleCredential::new).orElseGet(CvmRoleCredential::new);
        case SANDBOX ->
            throw new IllegalStateException(
                "controller.credentials.source: sandbox needs the embedded sandbox: run `sluice"
                    + " demo`, or `sluice run -c FILE --sandbox SCENARIO`");
      };
    } catch (TencentCloudSDKException e) {
      throw new IllegalStateException(
          "controller.credentials.source: "
              + config.source().id()
              + " gave no credential ("
              + e.getMessage()
              + "); for env set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY",
          e);
    }
  }
}
