package io.sluice.controller.actuate.dns;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.dnspod.v20210323.models.DescribeRecordRequest;
import com.tencentcloudapi.dnspod.v20210323.models.DescribeRecordResponse;
import com.tencentcloudapi.dnspod.v20210323.models.KeyValue;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordFieldsRequest;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordStatusRequest;
import com.tencentcloudapi.dnspod.v20210323.models.RecordInfo;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * The DNSPod calls of the dns-weight actuator, each behind its action's guard (limiter, retry of
 * throttling and network errors, breaker, call budget). Records are read one by one with
 * DescribeRecord rather than DescribeRecordList: it is keyed by id, so a record created moments ago
 * (the list's index lags up to ~30 s) and a read-back right after a write see the record itself.
 */
final class DnspodCalls implements RecordApi {
  private final DnspodClient dnspod;
  private final ActionGuard describe;
  private final ActionGuard modifyFields;
  private final ActionGuard modifyStatus;

  DnspodCalls(CloudClients clients, CloudGuards guards) {
    this.dnspod = Objects.requireNonNull(clients, "clients").dnspod();
    Objects.requireNonNull(guards, "guards");
    this.describe = guards.guard(CloudAction.DESCRIBE_RECORD);
    this.modifyFields = guards.guard(CloudAction.MODIFY_RECORD_FIELDS);
    this.modifyStatus = guards.guard(CloudAction.MODIFY_RECORD_STATUS);
  }

  @Override
  public Future<RecordState> describe(String zone, long recordId) {
    return describe.call(
        () -> {
          DescribeRecordRequest request = new DescribeRecordRequest();
          request.setDomain(zone);
          request.setRecordId(recordId);
          return state(recordId, dnspod.DescribeRecord(request));
        });
  }

  @Override
  public Future<String> write(RecordWrite write) {
    return switch (write) {
      case RecordWrite.SetWeight weight -> modifyFields.call(() -> setWeight(weight));
      case RecordWrite.SetStatus status -> modifyStatus.call(() -> setStatus(status));
    };
  }

  private String setWeight(RecordWrite.SetWeight write) throws TencentCloudSDKException {
    KeyValue weight = new KeyValue();
    weight.setKey("weight");
    weight.setValue(Integer.toString(write.weight()));
    ModifyRecordFieldsRequest request = new ModifyRecordFieldsRequest();
    request.setDomain(write.pair().zone());
    request.setRecordId(write.recordId());
    request.setFieldList(new KeyValue[] {weight});
    return requestId(dnspod.ModifyRecordFields(request).getRequestId());
  }

  private String setStatus(RecordWrite.SetStatus write) throws TencentCloudSDKException {
    ModifyRecordStatusRequest request = new ModifyRecordStatusRequest();
    request.setDomain(write.pair().zone());
    request.setRecordId(write.recordId());
    request.setStatus(write.status());
    return requestId(dnspod.ModifyRecordStatus(request).getRequestId());
  }

  /** {@code Enabled} is 1/0 in RecordInfo (lists say ENABLE/DISABLE instead). */
  private static RecordState state(long recordId, DescribeRecordResponse response) {
    RecordInfo info = response.getRecordInfo();
    if (info == null || info.getEnabled() == null || info.getSubDomain() == null) {
      throw new MalformedAnswer(
          "DescribeRecord answered without RecordInfo.Enabled and SubDomain for record "
              + recordId
              + " (RequestId "
              + response.getRequestId()
              + ")");
    }
    Long weight = info.getWeight();
    if (weight != null && (weight < 0 || weight > 100)) {
      throw new MalformedAnswer(
          "DescribeRecord answered weight " + weight + " for record " + recordId);
    }
    return new RecordState(
        recordId,
        info.getSubDomain(),
        info.getEnabled() == 1,
        weight == null ? null : weight.intValue());
  }

  private static String requestId(String id) {
    return id == null ? "" : id;
  }

  /** An answer that parsed but lacks what every answer of its action carries. */
  static final class MalformedAnswer extends io.sluice.cloud.MalformedAnswer {
    MalformedAnswer(String message) {
      super(message);
    }
  }
}
