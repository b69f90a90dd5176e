package io.dgxmon.testkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a probe until its answer satisfies a condition; on timeout fails with the last answer. */
final class Await {
  private Await() {}

  static <T> T until(String what, Duration timeout, Duration interval, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = probe.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError failure =
            new AssertionError("timed out after " + timeout + " waiting for " + what + "; last answer: "
                + (lastError != null ? lastError : last));
        if (lastError != null) {
          failure.initCause(lastError);
        }
        throw failure;
      }
      sleep(interval);
    }
  }

  static void sleep(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
