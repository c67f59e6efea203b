package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LoopbackPortsTest {
  @Test
  void portsAreDistinctBindableAndBelowWhatTheKernelHandsOutForPortZero() throws Exception {
    int ephemeralLow =
        Integer.parseInt(
            Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .getFirst()
                .trim()
                .split("\\s+")[0]);

    List<Integer> ports = LoopbackPorts.pick(40);

    assertThat(ports)
        .hasSize(40)
        .doesNotHaveDuplicates()
        .allSatisfy(p -> assertThat(p).isLessThan(ephemeralLow));
    assertThat(LoopbackPorts.pick(40)).doesNotContainAnyElementsOf(ports);
    for (int port : ports) {
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(bound.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
