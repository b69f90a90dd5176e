package io.dgxmon.exporter.scrape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs a {@link Source} for many concurrent scrapes: callers that arrive while a collection runs share it
 * (single flight), a result younger than {@code maxAge} is reused, and a caller never waits longer than
 * {@code timeout} after the collection started: it then gets the last good value marked not successful.
 *
 * <p>The source runs on one dedicated worker thread. A hung call keeps that thread; by default no new call starts
 * until it returns, so a GPU that fell off the bus costs one thread, not one per scrape. A collection made with
 * {@link #abandoningStuckCalls} instead gives up a call that ran past its timeout: the next scrape starts a fresh
 * call on a fresh thread (the stuck daemon thread is left behind), at most {@link #MAX_ABANDONED} stuck at once.
 * That suits file reads, where a stuck {@code open(2)} of a FIFO never returns but the next read may well
 * succeed; it would not suit NVML, where a second call would hang behind the first. Failures and timeouts are
 * logged once when they start and once when the source recovers, never per scrape.
 */
public final class SharedCollection<T> implements AutoCloseable {

  /**
   * What a scrape gets.
   *
   * @param value the collected value; after a timeout the last good one; {@code null} if the source failed
   *     or has never succeeded
   * @param success whether this value is fresh from a successful collection
   * @param durationSeconds how long the collection took (after a timeout: how long it has been running)
   */
  public record Result<T>(T value, boolean success, double durationSeconds) {}

  private record Completed<T>(Result<T> result, long finishedAt, String failure) {}

  /** Stuck calls an abandoning collection leaves behind at most; past that it waits like the default. */
  static final int MAX_ABANDONED = 2;

  private final Source<T> source;
  private final long maxAgeNanos;
  private final long timeoutNanos;
  private final Consumer<String> log;
  private final LongSupplier nanoClock;
  private final int maxAbandoned;
  private final Object lock = new Object();
  private final List<CompletableFuture<Completed<T>>> abandoned = new ArrayList<>();

  private ExecutorService worker;
  private long generation;
  private CompletableFuture<Completed<T>> inFlight;
  private long inFlightStartedAt;
  private Completed<T> latest;
  private T lastGood;
  private boolean reportedTrouble;
  /** A collection {@link #prefetch()} started that no {@link #get()} has taken yet. */
  private boolean prefetched;
  private volatile Result<T> lastResult;

  public SharedCollection(Source<T> source, Duration maxAge, Duration timeout) {
    this(source, maxAge, timeout, line -> System.err.println("dgxmon-exporter: " + line), System::nanoTime);
  }

  public SharedCollection(Source<T> source, Duration maxAge, Duration timeout, Consumer<String> log) {
    this(source, maxAge, timeout, log, System::nanoTime, 0);
  }

  SharedCollection(Source<T> source, Duration maxAge, Duration timeout, Consumer<String> log, LongSupplier clock) {
    this(source, maxAge, timeout, log, clock, 0);
  }

  SharedCollection(Source<T> source, Duration maxAge, Duration timeout, Consumer<String> log, LongSupplier clock,
      int maxAbandoned) {
    this.source = Objects.requireNonNull(source);
    this.maxAgeNanos = maxAge.toNanos();
    this.timeoutNanos = timeout.toNanos();
    this.log = log;
    this.nanoClock = clock;
    this.maxAbandoned = maxAbandoned;
    this.worker = newWorker();
  }

  /** A collection that abandons a call stuck past {@code timeout} (see the class comment); for file sources. */
  public static <T> SharedCollection<T> abandoningStuckCalls(Source<T> source, Duration maxAge, Duration timeout,
      Consumer<String> log) {
    return new SharedCollection<>(source, maxAge, timeout, log, System::nanoTime, MAX_ABANDONED);
  }

  private ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "dgxmon-collect-" + source.name());
      t.setDaemon(true);
      return t;
    });
  }

  public String name() {
    return source.name();
  }

  /** The result for this scrape (see the class comment for sharing, reuse and timeouts). */
  public Result<T> get() {
    CompletableFuture<Completed<T>> collection;
    long waitNanos;
    synchronized (lock) {
      long now = nanoClock.getAsLong();
      boolean prefetchedForMe = prefetched && inFlight == null && latest != null;
      prefetched = false;
      if (isFresh(now) || prefetchedForMe) {
        return remember(latest.result());
      }
      collection = startUnlessRunning(now);
      waitNanos = inFlightStartedAt + timeoutNanos - now;
    }
    return remember(await(collection, waitNanos));
  }

  /**
   * Starts a collection for a scrape about to call {@link #get()}, unless a fresh result or a running collection
   * will serve it; does not wait. A listener starts all its collections this way first, so they run side by side
   * instead of one after another. The next {@link #get()} takes its result even when it finished before the call
   * and {@code maxAge} is zero.
   */
  public void prefetch() {
    synchronized (lock) {
      long now = nanoClock.getAsLong();
      if (!isFresh(now) && inFlight == null) {
        startUnlessRunning(now);
        prefetched = true;
      }
    }
  }

  /** Called under the lock: no collection runs and the last one is younger than {@code maxAge}. */
  private boolean isFresh(long now) {
    return inFlight == null && latest != null && now - latest.finishedAt() < maxAgeNanos;
  }

  /** Called under the lock: the running collection, after abandoning it if it is stuck, or a new one. */
  private CompletableFuture<Completed<T>> startUnlessRunning(long now) {
    if (inFlight != null && now - inFlightStartedAt >= timeoutNanos && mayAbandon()) {
      abandonInFlight(now);
    }
    if (inFlight == null) {
      inFlightStartedAt = now;
      long mine = ++generation;
      inFlight = CompletableFuture.supplyAsync(() -> collectOnce(mine), worker);
    }
    return inFlight;
  }

  /** The result most recently handed to a scrape, for the self-metrics; {@code null} before the first. */
  public Result<T> lastResult() {
    return lastResult;
  }

  /** Stops the worker thread (interrupting a hung call); {@link #get()} must not be called afterwards. */
  @Override
  public void close() {
    synchronized (lock) {
      worker.shutdownNow();
    }
  }

  /** Called under the lock: whether one more stuck call may be left behind. */
  private boolean mayAbandon() {
    abandoned.removeIf(CompletableFuture::isDone);
    return abandoned.size() < maxAbandoned;
  }

  /** Called under the lock: leaves the stuck call on its (daemon) thread and gives later calls a new thread. */
  private void abandonInFlight(long now) {
    abandoned.add(inFlight);
    inFlight = null;
    worker.shutdownNow(); // interrupts the call, which helps where it can; its result is ignored either way
    worker = newWorker();
    log.accept("collector " + name() + ": abandoned a call stuck for " + seconds(now - inFlightStartedAt)
        + "s; the next one starts on a fresh thread (" + abandoned.size() + " stuck)");
  }

  private Result<T> await(CompletableFuture<Completed<T>> collection, long waitNanos) {
    try {
      return collection.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS).result();
    } catch (TimeoutException e) {
      return timedOut();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return timedOut();
    } catch (ExecutionException e) {
      throw new IllegalStateException("collectOnce never throws", e);
    }
  }

  private Result<T> timedOut() {
    synchronized (lock) {
      long running = nanoClock.getAsLong() - inFlightStartedAt;
      if (!reportedTrouble) {
        reportedTrouble = true;
        log.accept("collector " + name() + " did not answer within " + seconds(timeoutNanos)
            + "s; serving its last good result until it does");
      }
      return new Result<>(lastGood, false, running / 1e9);
    }
  }

  private Completed<T> collectOnce(long mine) {
    long start = nanoClock.getAsLong();
    T value = null;
    String failure = null;
    try {
      value = source.collect();
    } catch (Throwable e) { // any failure, even an Error from native code, must clear inFlight below
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    long end = nanoClock.getAsLong();
    Completed<T> completed =
        new Completed<>(new Result<>(value, failure == null, (end - start) / 1e9), end, failure);
    synchronized (lock) {
      if (mine != generation) {
        return completed; // abandoned meanwhile: a newer call owns the state
      }
      latest = completed;
      inFlight = null;
      report(failure);
      if (failure == null) {
        lastGood = value;
      }
    }
    return completed;
  }

  private void report(String failure) {
    if (failure != null && !reportedTrouble) {
      reportedTrouble = true;
      log.accept("collector " + name() + " failed: " + failure);
    } else if (failure == null && reportedTrouble) {
      reportedTrouble = false;
      log.accept("collector " + name() + " works again");
    }
  }

  private Result<T> remember(Result<T> result) {
    lastResult = result;
    return result;
  }

  private static String seconds(long nanos) {
    return String.valueOf(nanos / 1e9);
  }
}
