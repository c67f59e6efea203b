package io.sluice.sandbox.dnspod;

/**
 * What the sandbox's DNS server needs of one enabled record to answer a query and to pick among
 * weighted values.
 *
 * @param weight null when the record has no weight configured
 */
public record DnsAnswer(String value, int ttl, Integer weight) {}
