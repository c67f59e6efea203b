package io.sluice.cloud;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.monitor.v20180724.MonitorClient;
import com.tencentcloudapi.scf.v20180416.ScfClient;
import java.util.Objects;

/**
 * The SDK clients the cloud signals read through, each built with explicit connect, read and write
 * timeouts. The profile is filled in before construction because the SDK copies the timeouts into
 * its HTTP client when the client is built; a client built with the defaults would wait forever on
 * a hung control plane.
 */
public final class CloudClients {
  private final ClbClient clb;
  private final CvmClient cvm;
  private final ScfClient scf;
  private final MonitorClient monitor;
  private final DnspodClient dnspod;

  public CloudClients(Credential credential, ClientSettings settings) {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(settings, "settings");
    this.clb = new ClbClient(credential, settings.region(), profile(settings));
    this.cvm = new CvmClient(credential, settings.region(), profile(settings));
    this.scf = new ScfClient(credential, settings.region(), profile(settings));
    this.monitor = new MonitorClient(credential, settings.region(), profile(settings));
    // DNSPod is a global service: the region is ignored by the API but the SDK wants one
    this.dnspod = new DnspodClient(credential, settings.region(), profile(settings));
  }

  public ClbClient clb() {
    return clb;
  }

  public CvmClient cvm() {
    return cvm;
  }

  public ScfClient scf() {
    return scf;
  }

  public MonitorClient monitor() {
    return monitor;
  }

  public DnspodClient dnspod() {
    return dnspod;
  }

  /** A fresh profile per client: the SDK keeps a reference, so sharing one would couple them. */
  static ClientProfile profile(ClientSettings settings) {
    HttpProfile http = new HttpProfile();
    settings.endpoint().ifPresent(http::setEndpoint);
    http.setProtocol(settings.plainHttp() ? HttpProfile.REQ_HTTP : HttpProfile.REQ_HTTPS);
    http.setConnTimeout(Math.toIntExact(settings.connectTimeout().toSeconds()));
    http.setReadTimeout(Math.toIntExact(settings.readTimeout().toSeconds()));
    http.setWriteTimeout(Math.toIntExact(settings.writeTimeout().toSeconds()));
    return new ClientProfile(ClientProfile.SIGN_TC3_256, http);
  }
}
