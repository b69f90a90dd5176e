package io.dgxmon.rolemonitor.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Output is kept up to the limit only; passing it is reported once. */
class BoundedOutputTest {
  private static ByteArrayInputStream bytes(int n) {
    return new ByteArrayInputStream("x".repeat(n).getBytes());
  }

  @Test
  void underTheLimitEverythingIsKept() throws Exception {
    AtomicInteger passed = new AtomicInteger();
    BoundedOutput out = BoundedOutput.read(bytes(200_000), 200_000, false, passed::incrementAndGet);
    assertEquals("x".repeat(200_000), out.text());
    assertFalse(out.overLimit());
    assertEquals(0, passed.get());
  }

  @Test
  void overTheLimitTheArrayNeverGrowsPastItAndReadingStops() throws Exception {
    AtomicInteger passed = new AtomicInteger();
    ByteArrayInputStream in = bytes(1_000_000);
    BoundedOutput out = BoundedOutput.read(in, 100_000, false, passed::incrementAndGet);
    assertTrue(out.overLimit());
    assertEquals(100_000, out.length());
    assertEquals(100_000, out.bytes().length);
    assertEquals(1, passed.get());
    assertTrue(in.available() > 0, "kept reading past the limit");
  }

  @Test
  void stderrKeepsItsHeadAndDrainsTheRest() throws Exception {
    AtomicInteger passed = new AtomicInteger();
    ByteArrayInputStream in = bytes(1_000_000);
    BoundedOutput out = BoundedOutput.read(in, 10, true, passed::incrementAndGet);
    assertEquals("xxxxxxxxxx", out.text());
    assertEquals(0, in.available());
    assertEquals(1, passed.get());
  }
}
