package io.sluice.controller.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a config file's bytes as UTF-8 text, bounded: a config is a few kilobytes, so anything past
 * {@link #MAX_BYTES} is the wrong file (a log, an image, {@code /dev/zero}) and is refused before
 * it costs minutes or the heap. Text that is not UTF-8 (UTF-16 as PowerShell writes it, a binary)
 * is named as such, at the first byte that is not, instead of the decoder's "Input length = 1".
 */
final class ConfigText {
  /** The most bytes read; {@link #TOO_LARGE} says it in words. */
  static final int MAX_BYTES = 1024 * 1024;

  static final String TOO_LARGE =
      "the config file is larger than 1 MiB, the most Sluice reads (a config is a few kilobytes);"
          + " is it the right file?";

  private ConfigText() {}

  /** Why a file's bytes are no config text, at the line and column where that shows. */
  static final class NotText extends Exception {
    private final SourceMap.Location at;

    NotText(SourceMap.Location at, String message) {
      super(message);
      this.at = at;
    }

    SourceMap.Location at() {
      return at;
    }
  }

  /**
   * The file's text.
   *
   * @throws IOException when it cannot be read
   * @throws NotText when it is too large, or not UTF-8 text
   */
  static String read(Path file) throws IOException, NotText {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new NotText(SourceMap.Location.START, TOO_LARGE);
    }
    return decode(bytes);
  }

  /** The bytes as text, or why they are not UTF-8 text. */
  static String decode(byte[] bytes) throws NotText {
    if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
      throw new NotText(
          SourceMap.Location.START,
          "not UTF-8 text: the file is UTF-16 (what Windows PowerShell's > and Out-File write);"
              + " save it as UTF-8");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      out.flip();
      throw new NotText(
          endOf(out),
          String.format(
              Locale.ROOT,
              "not UTF-8 text: byte 0x%02x cannot start or continue a UTF-8 character (a binary"
                  + " file, or text in another encoding?); save it as UTF-8",
              bytes[in.position()] & 0xFF));
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new NotText(
          endOf(CharBuffer.wrap(text, 0, nul)),
          "not UTF-8 text: a NUL byte (a binary file, or UTF-16 without its byte order mark?);"
              + " save it as UTF-8");
    }
    return text;
  }

  /** Refuses text longer than a file may be, for configs given as text rather than a file. */
  static void requireBounded(String text) throws NotText {
    if (text.length() > MAX_BYTES) {
      throw new NotText(SourceMap.Location.START, TOO_LARGE);
    }
  }

  private static boolean startsWith(byte[] bytes, int first, int second) {
    return bytes.length >= 2 && (bytes[0] & 0xFF) == first && (bytes[1] & 0xFF) == second;
  }

  /** The line and column just after {@code read}, the text read so far. */
  private static SourceMap.Location endOf(CharSequence read) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < read.length(); i++) {
      if (read.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourceMap.Location(line, column);
  }
}
