package io.dgxmon.e2e.slurm;

import java.time.Duration;

/** Retries an assertion until it passes or time runs out (then rethrows its last failure). */
final class Eventually {
  private Eventually() {}

  static void assertWithin(Duration timeout, Runnable assertion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting", e);
      }
    }
  }
}
