package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;

/** Fuzzes the parser of the kernel's online CPU list ({@code /sys/devices/system/cpu/online}). */
class OnlineCpusFuzzTest {

  /** Property: any text counts 1 to 65,536 CPUs or is refused with IllegalArgumentException. */
  @FuzzTest
  void anyCpuListCountsOrIsRefused(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Integer count = ParserContract.valueOrRefusal(IllegalArgumentException.class, () -> OnlineCpus.count(text));
    assertTrue(count == null || (count >= 1 && count <= 65_536), String.valueOf(count));
  }
}
