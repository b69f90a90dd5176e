package io.dgxmon.exporter.cgroup;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Reads small kernel files (cgroupfs, procfs) into one reused buffer: open, read, close, nothing else. Not
 * thread-safe; a collection owns one instance. Deliberately no Path/Files API and no String per file content:
 * a scrape reads thousands of these and the file contents are parsed straight from the bytes.
 */
final class KernelFiles {
  private static final int BUFFER_SIZE = 64 * 1024;
  /** The JDK reads up to 8 KiB through a stack buffer; a larger request costs a malloc and free per read. */
  private static final int CHUNK = 8192;

  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int length;

  /** The bytes of the last file read, valid up to {@link #length()}. */
  byte[] bytes() {
    return buffer;
  }

  int length() {
    return length;
  }

  /**
   * Reads {@code path} into the buffer.
   *
   * @return false when the file does not exist (its cgroup went away, or the controller is not there)
   * @throws IOException when it exists but cannot be read (permissions), so the scrape fails visibly
   */
  boolean read(String path) throws IOException {
    length = 0;
    FileInputStream in;
    try {
      in = new FileInputStream(path);
    } catch (FileNotFoundException e) {
      if (!new File(path).exists()) {
        return false;
      }
      throw e;
    }
    try (in) {
      // A short read is the end of a cgroup or proc file (seq_file hands out all it has): no extra read for EOF.
      int n;
      do {
        int want = Math.min(CHUNK, buffer.length - length);
        n = in.read(buffer, length, want);
        if (n > 0) {
          length += n;
        }
        if (n < want) {
          break;
        }
      } while (length < buffer.length);
    } catch (IOException e) {
      // ENODEV and friends: the cgroup was removed between open and read.
      if (!new File(path).exists()) {
        return false;
      }
      throw e;
    }
    return true;
  }

  /** Subdirectory names of {@code dir}, or {@code null} when it does not exist (or is not a directory). */
  static String[] list(String dir) {
    return new File(dir).list();
  }

  /** The first unsigned integer in the buffer (e.g. {@code cpuacct.usage}); 0 when there is none. */
  long firstNumber() {
    return KernelText.parseLong(buffer, 0, length);
  }
}
