package io.dgxmon.exporter.cgroup;

/** Parsers for the kernel's cgroup text formats, working directly on bytes. */
final class KernelText {
  /** Marker for v2 {@code max}. */
  static final long MAX = Long.MAX_VALUE;

  private KernelText() {}

  /** Parses the unsigned decimal at {@code from} (after spaces); {@code max} reads as {@link #MAX}. */
  static long parseLong(byte[] b, int from, int to) {
    int i = from;
    while (i < to && b[i] == ' ') {
      i++;
    }
    if (i + 2 < to && b[i] == 'm' && b[i + 1] == 'a' && b[i + 2] == 'x') {
      return MAX;
    }
    long value = 0;
    while (i < to) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      i++;
    }
    return value;
  }

  /**
   * Scans {@code key value} lines (memory.stat, cpu.stat, cpuacct.stat, memory.events) and stores the value of
   * each key in {@code keys} at the same index of {@code values}; keys not present leave their slot alone. Each
   * line is walked once: the keys are compared at its start, and most lines (memory.stat has about 35, five are
   * wanted) fail on the byte after the key's length or on the first byte.
   */
  static void scanKeyed(byte[] b, int length, byte[][] keys, long[] values) {
    int lineStart = 0;
    while (lineStart < length) {
      int key = keyAt(b, lineStart, length, keys);
      int lineEnd = key >= 0 ? lineStart + keys[key].length : lineStart;
      while (lineEnd < length && b[lineEnd] != '\n') {
        lineEnd++;
      }
      if (key >= 0) {
        values[key] = parseLong(b, lineStart + keys[key].length, lineEnd);
      }
      lineStart = lineEnd + 1;
    }
  }

  /** The index of the key that the line at {@code from} starts with, as a whole word; -1 for none. */
  private static int keyAt(byte[] b, int from, int length, byte[][] keys) {
    outer:
    for (int k = 0; k < keys.length; k++) {
      byte[] key = keys[k];
      int end = from + key.length;
      if (end > length || end < length && b[end] != ' ' && b[end] != '\n') {
        continue;
      }
      for (int i = 0; i < key.length; i++) {
        if (key[i] != b[from + i]) {
          continue outer;
        }
      }
      return k;
    }
    return -1;
  }

  /** Number of CPUs in a cpuset list such as {@code 0-3,8,10-11}; 0 for an empty list. */
  static int countCpus(byte[] b, int length) {
    int count = 0;
    int i = 0;
    while (i < length) {
      if (b[i] < '0' || b[i] > '9') {
        i++;
        continue;
      }
      int first = 0;
      while (i < length && b[i] >= '0' && b[i] <= '9') {
        first = first * 10 + (b[i++] - '0');
      }
      int last = first;
      if (i < length && b[i] == '-') {
        i++;
        last = 0;
        while (i < length && b[i] >= '0' && b[i] <= '9') {
          last = last * 10 + (b[i++] - '0');
        }
      }
      count += last - first + 1;
    }
    return count;
  }

  static byte[][] keys(String... names) {
    byte[][] keys = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      keys[i] = names[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    return keys;
  }
}
