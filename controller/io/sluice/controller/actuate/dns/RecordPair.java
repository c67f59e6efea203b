package io.sluice.controller.actuate.dns;

import io.sluice.controller.config.ServiceConfig;
import io.sluice.policies.Backend;
import java.util.Objects;

/**
 * The two weighted records of one name that a route's split is written to: one resolving to the CVM
 * CLB, one to the SCF CLB.
 *
 * @param subdomain the host part, {@code @} for the zone apex
 */
record RecordPair(String zone, String subdomain, long cvmRecordId, long scfRecordId) {
  RecordPair {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(subdomain, "subdomain");
  }

  /**
   * The pair a config entry names. The validator requires both ids with dns-weight, so a missing
   * one here is a programming error, not a user's.
   */
  static RecordPair of(ServiceConfig.DnsRecord config) {
    return new RecordPair(
        config.zone(),
        config.subdomain(),
        config.cvmRecordId().orElseThrow(() -> missing(config, "cvmRecordId")),
        config.scfRecordId().orElseThrow(() -> missing(config, "scfRecordId")));
  }

  long recordId(Backend backend) {
    return backend == Backend.CVM ? cvmRecordId : scfRecordId;
  }

  /** The full name, {@code subdomain.zone}. */
  String domain() {
    return subdomain.equals("@") ? zone : subdomain + "." + zone;
  }

  private static IllegalArgumentException missing(ServiceConfig.DnsRecord config, String field) {
    return new IllegalArgumentException(
        "dns record " + config.domain() + ": " + field + " is required by the dns-weight actuator");
  }
}
