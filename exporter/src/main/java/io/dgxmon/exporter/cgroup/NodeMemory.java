package io.dgxmon.exporter.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's RAM and swap, what an unlimited cgroup may use at most.
 *
 * @param ramBytes MemTotal
 * @param swapBytes SwapTotal
 */
public record NodeMemory(long ramBytes, long swapBytes) {

  /** Reads {@code /proc/meminfo}. */
  public static NodeMemory read(Path meminfo) throws IOException {
    long ram = 0;
    long swap = 0;
    for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
      if (line.startsWith("MemTotal:")) {
        ram = kibibytes(line);
      } else if (line.startsWith("SwapTotal:")) {
        swap = kibibytes(line);
      }
    }
    if (ram <= 0) {
      throw new IOException(meminfo + ": no MemTotal line");
    }
    return new NodeMemory(ram, swap);
  }

  private static long kibibytes(String line) {
    String digits = line.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? 0 : Long.parseLong(digits) * 1024;
  }
}
