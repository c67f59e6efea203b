package io.sluice.sandbox.dataplane.dns;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The authoritative DNS server of the emulated DNSPod on a loopback UDP port, so a person (or a
 * test with a stub resolver) can watch weighted records move traffic. Answers from {@link
 * DnsRecordSource} with the AA flag: NXDOMAIN for unknown names, an empty NOERROR answer for known
 * names without that type, REFUSED outside its zones. A CNAME at the name answers any type.
 */
public final class AuthoritativeDnsServer {

  private final Vertx vertx;
  private final DnsRecordSource records;
  private final DnsAnswerPicker picker;
  private DatagramSocket socket;

  public AuthoritativeDnsServer(Vertx vertx, DnsRecordSource records, DnsAnswerPicker picker) {
    this.vertx = vertx;
    this.records = records;
    this.picker = picker;
  }

  /** Binds a free loopback UDP port and returns it. */
  public Future<Integer> listen() {
    socket = vertx.createDatagramSocket();
    socket.handler(this::handle);
    return socket.listen(0, "127.0.0.1").map(s -> s.localAddress().port());
  }

  public Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  private void handle(DatagramPacket packet) {
    Message response;
    try {
      response = answer(new Message(packet.data().getBytes()));
    } catch (IOException e) {
      return;
    }
    socket.send(Buffer.buffer(response.toWire()), packet.sender().port(), packet.sender().host());
  }

  /** Builds the reply to one query; public for tests that skip the socket. */
  public Message answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    String name = key(question.getName());
    if (!records.isAuthoritativeFor(name)) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response;
    }
    response.getHeader().setFlag(Flags.AA);
    if (!records.hasName(name)) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return response;
    }
    String type = Type.string(question.getType());
    List<DnsRecord> found = records.enabledRecords(name, type);
    if (found.isEmpty() && !type.equals("CNAME")) {
      type = "CNAME";
      found = records.enabledRecords(name, type);
    }
    for (DnsRecord record : picker.pick(type, found)) {
      toRecord(question.getName(), type, record)
          .ifPresent(r -> response.addRecord(r, Section.ANSWER));
    }
    return response;
  }

  private static java.util.Optional<Record> toRecord(Name name, String type, DnsRecord record) {
    try {
      return java.util.Optional.of(
          Record.fromString(
              name, Type.value(type), DClass.IN, record.ttl(), record.value(), Name.root));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String key(Name name) {
    return name.toString(true).toLowerCase(Locale.ROOT);
  }
}
