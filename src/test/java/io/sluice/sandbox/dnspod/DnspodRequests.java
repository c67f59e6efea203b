package io.sluice.sandbox.dnspod;

import com.tencentcloudapi.dnspod.v20210323.models.KeyValue;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordFieldsRequest;

/** SDK requests the DNSPod contract tests build again and again. */
public final class DnspodRequests {
  private DnspodRequests() {}

  /** A {@code ModifyRecordFields} changing one field, with its string value. */
  public static ModifyRecordFieldsRequest fields(
      String domain, long recordId, String key, String value) {
    KeyValue field = new KeyValue();
    field.setKey(key);
    field.setValue(value);
    ModifyRecordFieldsRequest req = new ModifyRecordFieldsRequest();
    req.setDomain(domain);
    req.setRecordId(recordId);
    req.setFieldList(new KeyValue[] {field});
    return req;
  }
}
