package io.sluice.archfixture.health;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetsRequest;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;

/**
 * Fixture: a signal that builds its own SDK client and calls it with no guard (forbidden: only the
 * cloud layer builds clients, and every call goes through an ActionGuard).
 */
public final class UnguardedRead {
  Object read() throws TencentCloudSDKException {
    ClbClient clb = new ClbClient(new Credential("id", "key"), "ap-guangzhou");
    return clb.DescribeTargets(new DescribeTargetsRequest());
  }
}
