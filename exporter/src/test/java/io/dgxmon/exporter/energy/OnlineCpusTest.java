package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The kernel's CPU list format of /sys/devices/system/cpu/online. */
class OnlineCpusTest {
  @Test
  void countsRangesAndSingles() {
    assertEquals(1, OnlineCpus.count("0\n"));
    assertEquals(224, OnlineCpus.count("0-223\n"));
    assertEquals(7, OnlineCpus.count("0-3,8,10-11"));
  }

  @Test
  void refusesWhatIsNotACpuList() {
    for (String bad : new String[] {"", "\n", "3-1", "0-", "a", "0,,1", "0-99999999", "-1"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnlineCpus.count(bad), bad);
      assertEquals("\"" + bad.strip() + "\" is not a CPU list such as 0-63 or 0-3,8", e.getMessage());
    }
  }
}
