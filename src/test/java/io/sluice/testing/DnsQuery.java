package io.sluice.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One DNS query over a plain UDP socket to a server on loopback, with dnsjava only for the wire
 * format. dnsjava's own resolvers share one static NIO client per JVM, which stops answering for
 * the rest of the run once a thread waiting on it has been interrupted (Awaitility interrupts its
 * poller at a timeout), so tests must not use them.
 */
public final class DnsQuery {
  private static final int TIMEOUT_MILLIS = 3_000;

  private DnsQuery() {}

  /**
   * Asks for the A records of {@code name}.
   *
   * @throws java.net.SocketTimeoutException when no answer came (UDP may lose a datagram)
   */
  public static Message a(int port, String name) throws IOException {
    String absolute = name.endsWith(".") ? name : name + ".";
    byte[] query =
        Message.newQuery(Record.newRecord(Name.fromString(absolute), Type.A, DClass.IN)).toWire();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.send(
          new DatagramPacket(query, query.length, new InetSocketAddress("127.0.0.1", port)));
      DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
      socket.receive(reply);
      return new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
    }
  }
}
