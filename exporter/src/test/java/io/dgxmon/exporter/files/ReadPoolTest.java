package io.dgxmon.exporter.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read that never returns (a FIFO raced in after the type check) is abandoned; threads never pile up. */
class ReadPoolTest {
  private static final Duration DEADLINE = Duration.ofMillis(200);

  @Test
  void aStuckOpenIsAbandonedAtTheDeadlineAndItsThreadIsADaemon(@TempDir Path dir) throws Exception {
    Path fifo = HostileFiles.fifo(dir.resolve("fifo"));
    ReadPool pool = new ReadPool(2);
    boolean[] daemon = {false};
    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> pool.call(() -> {
      daemon[0] = Thread.currentThread().isDaemon();
      return Files.readAllBytes(fifo); // blocks in open(2): no writer, and interrupts do not reach it
    }, DEADLINE));
    assertTrue((System.nanoTime() - start) / 1e9 < 2, "waited past the deadline");
    assertTrue(e.getMessage().startsWith("no answer within 200 ms"), e.getMessage());
    assertTrue(daemon[0], "a stuck reader must not keep the JVM from exiting");
    assertEquals("fine", pool.call(() -> "fine", DEADLINE), "the other thread still reads");
  }

  @Test
  void onceEveryThreadIsStuckReadsFailAtOnce() throws Exception {
    ReadPool pool = new ReadPool(1);
    CountDownLatch never = new CountDownLatch(1);
    Runnable stuck = () -> {
      while (true) {
        try {
          never.await();
        } catch (InterruptedException ignored) {
          // like open(2) on a FIFO: an interrupt does not end it
        }
      }
    };
    assertThrows(IOException.class, () -> pool.call(() -> { stuck.run(); return null; }, DEADLINE));
    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> pool.call(() -> "x", Duration.ofSeconds(30)));
    assertTrue((System.nanoTime() - start) / 1e9 < 1, "refused at once, not after the deadline");
    assertTrue(e.getMessage().contains("stuck"), e.getMessage());
    assertEquals(1, pool.busyThreads());
  }
}
