package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KernelTextTest {
  private static final byte[][] KEYS = KernelText.keys("total_rss", "total_cache", "user", "oom");

  private static long[] scan(String text) {
    long[] values = {-1, -1, -1, -1};
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    KernelText.scanKeyed(bytes, bytes.length, KEYS, values);
    return values;
  }

  @Test
  void wantedKeysAmongOthers() {
    assertArrayEquals(new long[] {300, 200, -1, -1},
        scan("cache 5\nrss 6\ntotal_cache 200\ntotal_rss_huge 7\ntotal_rss 300\ntotal_shmem 8\n"));
  }

  @Test
  void aKeyMustBeTheWholeFirstWord() {
    assertArrayEquals(new long[] {-1, -1, -1, -1}, scan("total_rssx 1\n total_rss 2\nuser\t3\nusers 4\nus 5\n"));
  }

  @Test
  void aKeyWithoutValueReadsZeroAndTheLastLineNeedsNoNewline() {
    assertArrayEquals(new long[] {-1, -1, 0, 9}, scan("user\noom 9"));
    assertArrayEquals(new long[] {-1, -1, 0, -1}, scan("user"));
  }

  @Test
  void theLastOfARepeatedKeyWinsAndMaxIsKept() {
    assertArrayEquals(new long[] {2, KernelText.MAX, -1, -1}, scan("total_rss 1\ntotal_cache max\ntotal_rss 2\n"));
  }
}
