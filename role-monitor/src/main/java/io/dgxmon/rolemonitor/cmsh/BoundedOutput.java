package io.dgxmon.rolemonitor.cmsh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A child process's output read up to a byte limit, streaming: the heap never holds more than the limit plus one
 * read buffer (the array grows as bytes arrive, never beyond the limit), so a cmsh that prints without end costs a
 * bounded amount of memory instead of an OutOfMemoryError.
 */
record BoundedOutput(byte[] bytes, int length, boolean overLimit) {
  private static final int CHUNK = 64 * 1024;

  /** Called once, from the reading thread, when the limit is passed (e.g. to kill the process). */
  interface OverLimit {
    void passed();
  }

  /**
   * Reads {@code in} to its end, or until more than {@code limit} bytes arrive: then {@code onOverLimit} runs and,
   * unless {@code keepDraining} (stderr: keep the head, discard the rest so the child never blocks on a full pipe),
   * reading stops.
   */
  static BoundedOutput read(InputStream in, int limit, boolean keepDraining, OverLimit onOverLimit)
      throws IOException {
    byte[] buffer = new byte[Math.min(limit, CHUNK)];
    byte[] chunk = new byte[CHUNK];
    int length = 0;
    boolean over = false;
    for (int n; (n = in.read(chunk)) >= 0; ) {
      int fits = Math.min(n, limit - length);
      if (fits > 0) {
        if (length + fits > buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(2L * buffer.length, length + fits)));
        }
        System.arraycopy(chunk, 0, buffer, length, fits);
        length += fits;
      }
      if (fits < n && !over) {
        over = true;
        onOverLimit.passed();
        if (!keepDraining) {
          break;
        }
      }
    }
    return new BoundedOutput(buffer, length, over);
  }

  String text() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
