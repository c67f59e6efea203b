package io.sluice.controller.daemon;

import io.sluice.testing.DnsQuery;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** What a client of the sandbox's data plane sees: a VIP's HTTP answer and the DNS answer. */
public final class SandboxClients {
  private SandboxClients() {}

  /** The raw HTTP/1.1 response (status line, headers, body) of {@code GET /} through a VIP. */
  public static String get(int vipPort, String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", vipPort)) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * One weighted A answer for {@code name} from the sandbox's authoritative DNS, empty when none. A
   * plain datagram socket, not dnsjava's resolver, whose shared NIO client stops answering in a JVM
   * that also runs the sandbox.
   */
  public static String dns(int dnsPort, String name) throws IOException {
    try {
      List<Record> answers = DnsQuery.a(dnsPort, name).getSection(Section.ANSWER);
      return answers.isEmpty() ? "" : answers.getFirst().rdataToString();
    } catch (SocketTimeoutException lost) {
      return ""; // UDP: a lost datagram is no answer; the caller polls again
    }
  }
}
