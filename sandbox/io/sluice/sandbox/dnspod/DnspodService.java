package io.sluice.sandbox.dnspod;

import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.Params;
import io.sluice.sandbox.api.ServiceDefinition;
import io.sluice.sandbox.api.ServiceDefinition.Action;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * DNSPod API 2021-03-23 over a {@link DnspodAccount}: the record actions a DNS-weight failover
 * uses, with their documented rate limits (DescribeRecordList 100/s, ModifyRecord 500/s,
 * ModifyRecordFields and ModifyRecordStatus 20/s; DescribeRecord and CreateRecord are not
 * documented and get 100/s, UNCONFIRMED). Region is not required, as on DNSPod. Every record action
 * takes {@code Domain} and an optional {@code DomainId} that wins over it.
 */
public final class DnspodService {
  public static final String SERVICE = "dnspod";
  public static final String VERSION = "2021-03-23";

  private final DnspodAccount account;

  public DnspodService(DnspodAccount account) {
    this.account = account;
  }

  /** A service over a new, empty account. */
  public static DnspodService withEmptyAccount() {
    return new DnspodService(new DnspodAccount());
  }

  public DnspodAccount account() {
    return account;
  }

  public ServiceDefinition definition() {
    return new ServiceDefinition(
        SERVICE,
        VERSION,
        false,
        Map.of(
            "DescribeRecordList", Action.read(100, this::describeRecordList),
            "DescribeRecord", Action.read(100, this::describeRecord),
            "CreateRecord", Action.write(100, this::createRecord),
            "ModifyRecord", Action.write(500, this::modifyRecord),
            "ModifyRecordFields", Action.write(20, this::modifyRecordFields),
            "ModifyRecordStatus", Action.write(20, this::modifyRecordStatus)));
  }

  private JsonObject describeRecordList(ApiRequest request) {
    return RecordListQuery.answer(account.records(domain(request.params())), request.params());
  }

  private JsonObject describeRecord(ApiRequest request) {
    Params p = request.params();
    DnsDomain domain = domain(p);
    DnsRecord record = account.record(domain, p.requireLong("RecordId"));
    return new JsonObject().put("RecordInfo", RecordJson.info(record, domain));
  }

  private JsonObject createRecord(ApiRequest request) {
    Params p = request.params();
    DnsDomain domain = domain(p);
    DnsRecord record = RecordWrites.fullSpec(p, account.newRecordId(), null, "", request.now());
    return recordId(account.save(domain, record));
  }

  private JsonObject modifyRecord(ApiRequest request) {
    Params p = request.params();
    DnsDomain domain = domain(p);
    DnsRecord old = account.record(domain, p.requireLong("RecordId"));
    DnsRecord record =
        RecordWrites.fullSpec(p, old.recordId(), old.weight(), old.monitorStatus(), request.now());
    return recordId(account.save(domain, record));
  }

  private JsonObject modifyRecordFields(ApiRequest request) {
    Params p = request.params();
    DnsDomain domain = domain(p);
    DnsRecord old = account.record(domain, p.requireLong("RecordId"));
    return recordId(account.save(domain, RecordWrites.withFields(old, p, request.now())));
  }

  private JsonObject modifyRecordStatus(ApiRequest request) {
    Params p = request.params();
    DnsDomain domain = domain(p);
    DnsRecord old = account.record(domain, p.requireLong("RecordId"));
    RecordStatus status = RecordStatus.parse(p.requireString("Status"));
    return recordId(account.save(domain, old.withStatus(status, request.now())));
  }

  private DnsDomain domain(Params p) {
    return account.domain(p.requireString("Domain"), p.optLong("DomainId"));
  }

  private static JsonObject recordId(DnsRecord record) {
    return new JsonObject().put("RecordId", record.recordId());
  }
}
