package io.sluice.sandbox.dnspod;

import static io.sluice.sandbox.api.ApiServerFixture.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.dnspod.v20210323.models.CreateRecordRequest;
import com.tencentcloudapi.dnspod.v20210323.models.DescribeRecordListRequest;
import com.tencentcloudapi.dnspod.v20210323.models.DescribeRecordListResponse;
import com.tencentcloudapi.dnspod.v20210323.models.DescribeRecordRequest;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordRequest;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordStatusRequest;
import com.tencentcloudapi.dnspod.v20210323.models.RecordInfo;
import com.tencentcloudapi.dnspod.v20210323.models.RecordListItem;
import io.sluice.sandbox.api.ApiServerFixture;
import io.sluice.sandbox.api.Mutation;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DNSPod actions as the official SDK client sees them, success and documented errors. */
final class DnspodServiceIT {
  private static final String DOMAIN = "example.com";

  private final DnspodService dnspod = DnspodService.withEmptyAccount();
  private final ApiServerFixture sandbox = new ApiServerFixture(dnspod.definition());
  private final DnspodClient client =
      new DnspodClient(ApiServerFixture.credential(), "", sandbox.direct());

  {
    dnspod.account().addDomain(DOMAIN, DnsPlan.DP_PLUS);
    dnspod.account().addDomain("free.example.org", DnsPlan.DP_FREE);
  }

  @AfterEach
  void close() {
    sandbox.close();
  }

  @Test
  void createdRecordIsDescribedWithEnabledOneAndNoWeight() throws Exception {
    long id = create("www", "10.0.0.1", null);

    RecordInfo info = describe(id);

    assertThat(info.getSubDomain()).isEqualTo("www");
    assertThat(info.getRecordType()).isEqualTo("A");
    assertThat(info.getRecordLine()).isEqualTo("默认");
    assertThat(info.getRecordLineId()).isEqualTo("0");
    assertThat(info.getValue()).isEqualTo("10.0.0.1");
    assertThat(info.getTTL()).isEqualTo(600L);
    assertThat(info.getEnabled()).isEqualTo(1L);
    assertThat(info.getWeight()).isNull();
    assertThat(info.getUpdatedOn()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  }

  @Test
  void recordListFiltersByTheOldSubdomainNameAndTypeAndCounts() throws Exception {
    create("www", "10.0.0.1", 50L);
    create("www", "10.0.0.2", 50L);
    create("api", "10.0.0.3", null);
    DescribeRecordListRequest req = listRequest();
    req.setSubdomain("www");
    req.setRecordType("A");

    DescribeRecordListResponse res = client.DescribeRecordList(req);

    assertThat(res.getRecordCountInfo().getTotalCount()).isEqualTo(2L);
    assertThat(res.getRecordCountInfo().getListCount()).isEqualTo(2L);
    assertThat(Arrays.stream(res.getRecordList()).map(RecordListItem::getValue))
        .containsExactly("10.0.0.1", "10.0.0.2");
    RecordListItem first = res.getRecordList()[0];
    assertThat(first.getName()).isEqualTo("www");
    assertThat(first.getStatus()).isEqualTo("ENABLE");
    assertThat(first.getWeight()).isEqualTo(50L);
    assertThat(first.getLine()).isEqualTo("默认");
  }

  @Test
  void newSubDomainFilterWinsOverTheOldName() throws Exception {
    create("www", "10.0.0.1", null);
    create("api", "10.0.0.3", null);
    DescribeRecordListRequest req = listRequest();
    req.setSubdomain("www");
    req.set("SubDomain", "api");

    assertThat(client.DescribeRecordList(req).getRecordList())
        .extracting(RecordListItem::getName)
        .containsExactly("api");
  }

  @Test
  void recordListPagesWithOffsetLimitAndMatchesKeywords() throws Exception {
    for (int i = 1; i <= 5; i++) {
      create("host" + i, "10.0.1." + i, null);
    }
    DescribeRecordListRequest page = listRequest();
    page.setOffset(1L);
    page.setLimit(2L);
    DescribeRecordListRequest keyword = listRequest();
    keyword.setKeyword("10.0.1.4");

    DescribeRecordListResponse paged = client.DescribeRecordList(page);

    assertThat(paged.getRecordList())
        .extracting(RecordListItem::getName)
        .containsExactly("host2", "host3");
    assertThat(paged.getRecordCountInfo().getTotalCount()).isEqualTo(5L);
    assertThat(paged.getRecordCountInfo().getSubdomainCount()).isEqualTo(5L);
    assertThat(client.DescribeRecordList(keyword).getRecordList())
        .extracting(RecordListItem::getName)
        .containsExactly("host4");
  }

  @Test
  void emptyRecordListIsAnErrorUnlessErrorOnEmptyIsNo() throws Exception {
    DescribeRecordListRequest req = listRequest();
    req.setSubdomain("nothing");

    assertErrorCode(() -> client.DescribeRecordList(req), "ResourceNotFound.NoDataOfRecord");
    req.setErrorOnEmpty("no");
    assertThat(client.DescribeRecordList(req).getRecordCountInfo().getTotalCount()).isZero();
  }

  @Test
  void modifyRecordReplacesTheRecordWithSubDomainDefaultingToApex() throws Exception {
    long id = create("www", "10.0.0.1", 30L);
    ModifyRecordRequest req = new ModifyRecordRequest();
    req.setDomain(DOMAIN);
    req.setRecordId(id);
    req.setRecordType("A");
    req.setRecordLine("默认");
    req.setValue("10.0.0.9");
    req.setTTL(120L);

    assertThat(client.ModifyRecord(req).getRecordId()).isEqualTo(id);

    RecordInfo info = describe(id);
    assertThat(info.getSubDomain()).isEqualTo("@");
    assertThat(info.getValue()).isEqualTo("10.0.0.9");
    assertThat(info.getTTL()).isEqualTo(120L);
    assertThat(info.getWeight()).as("an omitted weight is kept").isEqualTo(30L);
  }

  @Test
  void modifyRecordFieldsChangesOnlyTheWeight() throws Exception {
    long id = create("www", "10.0.0.1", 30L);

    assertThat(
            client.ModifyRecordFields(DnspodRequests.fields(DOMAIN, id, "weight", "20"))
                .getRecordId())
        .isEqualTo(id);

    RecordInfo info = describe(id);
    assertThat(info.getWeight()).isEqualTo(20L);
    assertThat(info.getValue()).isEqualTo("10.0.0.1");
    assertThat(dnspod.account().enabledRecords("www.example.com.", "A"))
        .containsExactly(new DnsAnswer("10.0.0.1", 600, 20));
  }

  @Test
  void disabledRecordReadsEnabledZeroAndLeavesTheResolverView() throws Exception {
    long id = create("www", "10.0.0.1", null);
    ModifyRecordStatusRequest req = new ModifyRecordStatusRequest();
    req.setDomain(DOMAIN);
    req.setRecordId(id);
    req.setStatus("DISABLE");

    assertThat(client.ModifyRecordStatus(req).getRecordId()).isEqualTo(id);

    assertThat(describe(id).getEnabled()).isZero();
    assertThat(dnspod.account().enabledRecords("www.example.com", "A")).isEmpty();
  }

  @Test
  void weightAboveOneHundredIsInvalidWeight() throws Exception {
    long id = create("www", "10.0.0.1", null);

    assertErrorCode(() -> create("www", "10.0.0.2", 101L), "InvalidParameter.InvalidWeight");
    assertErrorCode(
        () -> client.ModifyRecordFields(DnspodRequests.fields(DOMAIN, id, "weight", "-1")),
        "InvalidParameter.InvalidWeight");
  }

  @Test
  void ttlBelowThePlanMinimumIsRecordTtlLimit() {
    CreateRecordRequest req = createRequest("www", "10.0.0.1", null);
    req.setDomain("free.example.org");
    req.setTTL(60L);

    assertErrorCode(() -> client.CreateRecord(req), "LimitExceeded.RecordTtlLimit");
  }

  @Test
  void unknownRecordIsRecordIdInvalid() {
    DescribeRecordRequest req = new DescribeRecordRequest();
    req.setDomain(DOMAIN);
    req.setRecordId(42L);

    assertErrorCode(() -> client.DescribeRecord(req), "InvalidParameter.RecordIdInvalid");
    assertErrorCode(
        () -> client.ModifyRecordFields(DnspodRequests.fields(DOMAIN, 42L, "weight", "1")),
        "InvalidParameter.RecordIdInvalid");
  }

  @Test
  void unknownDomainIsDomainNotExists() {
    DescribeRecordListRequest req = new DescribeRecordListRequest();
    req.setDomain("unknown.example");

    assertErrorCode(() -> client.DescribeRecordList(req), "InvalidParameterValue.DomainNotExists");
  }

  @Test
  void acceptedWritesAreLoggedAndRejectedOnesAreNot() throws Exception {
    long id = create("www", "10.0.0.1", null);
    client.ModifyRecordFields(DnspodRequests.fields(DOMAIN, id, "weight", "5"));
    assertErrorCode(
        () -> client.ModifyRecordFields(DnspodRequests.fields(DOMAIN, id, "weight", "500")),
        "InvalidParameter.InvalidWeight");
    client.DescribeRecordList(listRequest());

    assertThat(sandbox.mutations.entries())
        .extracting(Mutation::action)
        .containsExactly("CreateRecord", "ModifyRecordFields");
    Mutation weight = sandbox.mutations.entries().get(1);
    assertThat(weight.service()).isEqualTo("dnspod");
    assertThat(weight.secretId()).isEqualTo(ApiServerFixture.SECRET_ID);
    assertThat(weight.time()).isEqualTo(sandbox.clock.instant());
    assertThat(weight.parameters().getJsonArray("FieldList").getJsonObject(0).getString("Value"))
        .isEqualTo("5");
    assertThat(weight.requestId()).isNotBlank();
  }

  @Test
  void proxyModeSignsWithTheRealServiceAndIsAccepted() throws Exception {
    create("www", "10.0.0.1", null);
    DnspodClient viaProxy =
        new DnspodClient(
            ApiServerFixture.credential(), "", sandbox.viaProxy("dnspod.tencentcloudapi.com"));

    assertThat(viaProxy.DescribeRecordList(listRequest()).getRecordList()).hasSize(1);
  }

  private long create(String sub, String value, Long weight) throws TencentCloudSDKException {
    return client.CreateRecord(createRequest(sub, value, weight)).getRecordId();
  }

  private static CreateRecordRequest createRequest(String sub, String value, Long weight) {
    CreateRecordRequest req = new CreateRecordRequest();
    req.setDomain(DOMAIN);
    req.setSubDomain(sub);
    req.setRecordType("A");
    req.setRecordLine("默认");
    req.setValue(value);
    req.setWeight(weight);
    return req;
  }

  private RecordInfo describe(long id) throws TencentCloudSDKException {
    DescribeRecordRequest req = new DescribeRecordRequest();
    req.setDomain(DOMAIN);
    req.setRecordId(id);
    return client.DescribeRecord(req).getRecordInfo();
  }

  private static DescribeRecordListRequest listRequest() {
    DescribeRecordListRequest req = new DescribeRecordListRequest();
    req.setDomain(DOMAIN);
    return req;
  }
}
