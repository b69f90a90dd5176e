package io.dgxmon.exporter.cgroup;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.testkit.ParserContract;

/** Fuzzes the byte-level parsers every cgroup file goes through (v1 and v2). */
class KernelTextFuzzTest {
  private static final byte[][] KEYS = KernelText.keys("user", "system", "usage_usec", "total_rss", "oom");

  /** Property: for any bytes, the number, keyed-lines and cpuset parsers answer without throwing. */
  @FuzzTest
  void anyBytesParseWithoutThrowing(byte[] input) {
    ParserContract.value(() -> {
      KernelText.parseLong(input, 0, input.length);
      long[] values = new long[KEYS.length];
      KernelText.scanKeyed(input, input.length, KEYS, values);
      return KernelText.countCpus(input, input.length);
    });
  }
}
