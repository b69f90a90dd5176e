package io.dgxmon.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waits for a condition instead of sleeping a fixed time: polls a probe until its answer satisfies a test; on
 * timeout fails with what was awaited and the last answer. Every test that waits for something goes through here.
 *
 * <p>A probe's exception counts as "not yet" (a server still starting refuses connections); an {@link Error}
 * (e.g. an {@link AssertionError} the probe throws on a state that can never turn good) ends the wait at once.
 */
public final class Await {
  /** How often a probe is asked unless the caller says otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

  private Await() {}

  /** A probe that may throw checked exceptions (I/O against a server under test). */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls {@code probe} every {@code interval} until {@code done} accepts its answer; returns that answer. */
  public static <T> T until(String what, Duration timeout, Duration interval, Probe<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = probe.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      } catch (Exception e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        throw timedOut(what, timeout, lastError != null ? lastError : last, lastError);
      }
      sleep(interval);
    }
  }

  /** {@link #until(String, Duration, Duration, Probe, Predicate)} at the {@link #DEFAULT_INTERVAL}. */
  public static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<T> done) {
    return until(what, timeout, DEFAULT_INTERVAL, probe, done);
  }

  /** Polls a yes/no condition, e.g. {@code Await.until("no collector thread left", ofSeconds(10), () -> ...)}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, DEFAULT_INTERVAL, condition::getAsBoolean, Boolean::booleanValue);
  }

  /**
   * Runs {@code assertion} until it passes; an {@link AssertionError} means "not yet". On timeout the last
   * assertion's failure is thrown as it was, so the report reads like the assertion's own.
   */
  public static void untilPasses(Duration timeout, Runnable assertion) {
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
      sleep(DEFAULT_INTERVAL);
    }
  }

  /**
   * For the harnesses' start-up: polls {@code ready} while {@code alive} holds; true once ready, false when the
   * daemon died or time ran out. The harness then fails with the daemon's log, or retries on another port.
   */
  static boolean whileAlive(Duration timeout, Duration interval, BooleanSupplier alive, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (alive.getAsBoolean()) {
      if (ready.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(interval);
    }
    return false;
  }

  /** The pause between two polls; the harnesses' own retry loops use it too. */
  static void sleep(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  private static AssertionError timedOut(String what, Duration timeout, Object last, Exception cause) {
    AssertionError failure =
        new AssertionError("timed out after " + timeout + " waiting for " + what + "; last answer: " + last);
    if (cause != null) {
      failure.initCause(cause);
    }
    return failure;
  }
}
