package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loopback is decided on the address literal, never on how a name starts. */
final class HostPortTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1:7070",
        "127.255.255.254:7070",
        "[::1]:7070",
        "[0:0:0:0:0:0:0:1]:7070",
        "[::ffff:127.0.0.1]:7070",
        "localhost:7070",
        "LocalHost:7070"
      })
  void loopbackLiteralsAndLocalhostAreLoopback(String address) {
    assertThat(HostPort.parse(address).isLoopback()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.attacker.example:7070",
        "127.0.0.1.nip.io:7070",
        "localhost.attacker.example:7070",
        "127.1:7070",
        "127.0.0.256:7070",
        "0.0.0.0:7070",
        "[::]:7070",
        "10.0.0.7:7070",
        "[2001:db8::1]:7070",
        "[::1:]:7070"
      })
  void namesWildcardsAndOtherAddressesAreNot(String address) {
    assertThat(HostPort.parse(address).isLoopback()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"::1", "[::1]", "127.0.0.1", "localhost"})
  void aListenHostAloneIsJudgedTheSameWay(String host) {
    assertThat(HostPort.isLoopback(host)).isTrue();
    assertThat(HostPort.isLoopback(host.replace("1", "2").replace("localhost", "local.host")))
        .isFalse();
  }
}
