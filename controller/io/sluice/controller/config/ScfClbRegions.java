package io.sluice.controller.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The regions in which CLB can forward to an SCF function, as Tencent lists them. The list is data,
 * kept with its source in {@code scf-clb-regions.txt} beside this class, so a region Tencent adds
 * is a one-line change.
 */
final class ScfClbRegions {
  private static final String RESOURCE = "scf-clb-regions.txt";
  private static final List<String> IDS = read();

  private ScfClbRegions() {}

  /** The region ids, in the order the file lists them. */
  static List<String> ids() {
    return IDS;
  }

  static boolean contains(String region) {
    return IDS.contains(region);
  }

  private static List<String> read() {
    InputStream in = ScfClbRegions.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the classpath");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
