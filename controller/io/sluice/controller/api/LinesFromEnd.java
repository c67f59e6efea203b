package io.sluice.controller.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.LongConsumer;

/**
 * The lines of a file from the last to the first, read in chunks backwards from a given end, so
 * that the newest lines of a large file cost only its tail. Bytes after the last newline are a line
 * still being written (or torn by a crash) and are not returned. Splitting on the newline byte is
 * safe in UTF-8, where it never occurs inside a character.
 */
final class LinesFromEnd {
  static final int CHUNK = 64 * 1024;

  private final FileChannel channel;
  private final LongConsumer chunkRead;
  private final Deque<String> ready = new ArrayDeque<>();
  private long position;
  private byte[] pending = new byte[0];
  private boolean sawNewline;

  /**
   * @param end the file's size to read back from; what is appended later is not read
   * @param chunkRead told the size of each chunk read, before it is split
   */
  LinesFromEnd(FileChannel channel, long end, LongConsumer chunkRead) {
    this.channel = channel;
    this.position = end;
    this.chunkRead = chunkRead;
  }

  /** The next line back, without its newline; null before the file's first line. */
  String next() throws IOException {
    while (ready.isEmpty()) {
      if (position == 0) {
        if (!sawNewline || pending.length == 0) {
          return null;
        }
        String first = text(pending, 0, pending.length);
        pending = new byte[0];
        return first;
      }
      readChunk();
    }
    return ready.poll();
  }

  private void readChunk() throws IOException {
    int size = (int) Math.min(CHUNK, position);
    position -= size;
    ByteBuffer chunk = ByteBuffer.allocate(size);
    while (chunk.hasRemaining()) {
      if (channel.read(chunk, position + chunk.position()) < 0) {
        throw new IOException("the file ended before its size was read");
      }
    }
    chunkRead.accept(size);
    ByteArrayOutputStream joined = new ByteArrayOutputStream(size + pending.length);
    joined.write(chunk.array(), 0, size);
    joined.write(pending, 0, pending.length);
    byte[] bytes = joined.toByteArray();
    int lineEnd = bytes.length; // exclusive: where the line being collected ends
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (sawNewline) {
        if (lineEnd > i + 1) {
          ready.add(text(bytes, i + 1, lineEnd));
        }
      } else {
        sawNewline = true; // what follows the file's last newline is not a whole line
      }
      lineEnd = i;
    }
    pending = Arrays.copyOfRange(bytes, 0, lineEnd);
  }

  private static String text(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }
}
