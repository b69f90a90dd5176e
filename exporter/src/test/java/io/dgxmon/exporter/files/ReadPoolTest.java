package io.dgxmon.exporter.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
  void onceTheLimitOfStuckReadsIsReachedReadsFailAtOnceUntilOneReturns() throws Exception {
    ReadPool pool = new ReadPool(1);
    CountDownLatch release = new CountDownLatch(1);
    assertThrows(IOException.class, () -> pool.call(() -> {
      blockIgnoringInterrupts(release);
      return null;
    }, DEADLINE));
    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> pool.call(() -> "x", Duration.ofSeconds(30)));
    assertTrue((System.nanoTime() - start) / 1e9 < 1, "refused at once, not after the deadline");
    assertEquals("1 earlier reads are stuck (FIFOs or a hung file system); not read", e.getMessage());

    release.countDown(); // a writer opened the FIFO: the stuck read returns and frees its place
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (pool.stuckReads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("x", pool.call(() -> "x", DEADLINE));
  }

  @Test
  void concurrentReadsAreNeverRefused() throws Exception {
    ReadPool pool = new ReadPool(2);
    ExecutorService callers = Executors.newFixedThreadPool(24);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        results.add(callers.submit(() -> pool.call(() -> {
          Thread.sleep(300); // a slow but working read, e.g. a busy NFS server
          return "ok";
        }, Duration.ofSeconds(20))));
      }
      for (Future<String> result : results) {
        assertEquals("ok", result.get(60, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void readsGivenUpOnBeforeTheyStartedAreNotCountedAsStuck() throws Exception {
    // One thread, already busy: every read waits in the queue, as when thread creation lags behind the caller.
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      ReadPool pool = new ReadPool(2, executor);
      CountDownLatch release = new CountDownLatch(1);
      executor.submit(() -> {
        release.await();
        return null;
      });
      ExecutorService callers = Executors.newSingleThreadExecutor();
      try {
        for (int i = 0; i < 5; i++) { // more than maxStuck: before the fix the third call was refused
          CountDownLatch submitted = new CountDownLatch(1);
          Future<Object> caller = callers.submit(() -> {
            Thread.currentThread().interrupt(); // the collection was abandoned while the read was queued
            submitted.countDown();
            return pool.call(() -> "never run", Duration.ofSeconds(30));
          });
          submitted.await();
          ExecutionException e =
              assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS));
          assertTrue(e.getCause() instanceof InterruptedIOException, String.valueOf(e.getCause()));
          assertEquals(0, pool.stuckReads(), "a read that never started is not stuck");
        }
      } finally {
        callers.shutdownNow();
      }
      release.countDown();
      assertEquals("fine", pool.call(() -> "fine", Duration.ofSeconds(10)), "the pool still reads");
    } finally {
      executor.shutdownNow();
    }
  }

  private static void blockIgnoringInterrupts(CountDownLatch release) {
    while (release.getCount() > 0) {
      try {
        release.await();
      } catch (InterruptedException ignored) {
        // like open(2) on a FIFO: an interrupt does not end it
      }
    }
  }
}
