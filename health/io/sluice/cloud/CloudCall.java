package io.sluice.cloud;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;

/** One blocking SDK call, run on a virtual thread behind the action's guard. */
@FunctionalInterface
public interface CloudCall<T> {
  T call() throws TencentCloudSDKException;
}
