package io.sluice.controller.disk;

import java.io.IOException;

/** Blocking file work run on the {@link DiskLane}. */
@FunctionalInterface
public interface DiskWork<T> {
  T run() throws IOException;
}
