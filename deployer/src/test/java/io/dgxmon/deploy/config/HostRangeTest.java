package io.dgxmon.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostRangeTest {
  @Test
  void expandsZeroPaddedRangesAndLists() {
    assertEquals(List.of("dgx-01", "dgx-02", "dgx-03", "dgx-07"), HostRange.expand("dgx-[01-03,07]"));
    assertEquals(List.of("node009", "node010"), HostRange.expand("node[009-010]"));
    assertEquals(List.of("plain"), HostRange.expand("plain"));
  }

  @Test
  void expandsSeveralGroupsInOrder() {
    assertEquals(List.of("r1-n1", "r1-n2", "r2-n1", "r2-n2"), HostRange.expand("r[1-2]-n[1-2]"));
  }

  @Test
  void rejectsBadRanges() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HostRange.expand("dgx-[05-01]"))
        .getMessage().contains("05-01"));
    assertThrows(IllegalArgumentException.class, () -> HostRange.expand("dgx-[01-"));
    assertThrows(IllegalArgumentException.class, () -> HostRange.expand("dgx-[a-b]"));
    assertThrows(IllegalArgumentException.class, () -> HostRange.expand("dgx;rm -rf /"));
    assertThrows(IllegalArgumentException.class, () -> HostRange.expand("n[0-999999]"));
  }
}
