package io.dgxmon.exporter.scrape;

import java.time.Duration;
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
 * <p>The source runs on one dedicated worker thread. A hung call keeps that thread; no new call starts until
 * it returns, so a GPU that fell off the bus costs one thread, not one per scrape. Failures and timeouts are
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

  private final Source<T> source;
  private final long maxAgeNanos;
  private final long timeoutNanos;
  private final Consumer<String> log;
  private final LongSupplier nanoClock;
  private final ExecutorService worker;
  private final Object lock = new Object();

  private CompletableFuture<Completed<T>> inFlight;
  private long inFlightStartedAt;
  private Completed<T> latest;
  private T lastGood;
  private boolean reportedTrouble;
  private volatile Result<T> lastResult;

  public SharedCollection(Source<T> source, Duration maxAge, Duration timeout) {
    this(source, maxAge, timeout, line -> System.err.println("dgxmon-exporter: " + line), System::nanoTime);
  }

  public SharedCollection(Source<T> source, Duration maxAge, Duration timeout, Consumer<String> log) {
    this(source, maxAge, timeout, log, System::nanoTime);
  }

  SharedCollection(Source<T> source, Duration maxAge, Duration timeout, Consumer<String> log, LongSupplier clock) {
    this.source = Objects.requireNonNull(source);
    this.maxAgeNanos = maxAge.toNanos();
    this.timeoutNanos = timeout.toNanos();
    this.log = log;
    this.nanoClock = clock;
    this.worker = Executors.newSingleThreadExecutor(runnable -> {
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
      if (inFlight == null && latest != null && now - latest.finishedAt() < maxAgeNanos) {
        return remember(latest.result());
      }
      if (inFlight == null) {
        inFlightStartedAt = now;
        inFlight = CompletableFuture.supplyAsync(this::collectOnce, worker);
      }
      collection = inFlight;
      waitNanos = inFlightStartedAt + timeoutNanos - now;
    }
    return remember(await(collection, waitNanos));
  }

  /** The result most recently handed to a scrape, for the self-metrics; {@code null} before the first. */
  public Result<T> lastResult() {
    return lastResult;
  }

  /** Stops the worker thread (interrupting a hung call); {@link #get()} must not be called afterwards. */
  @Override
  public void close() {
    worker.shutdownNow();
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

  private Completed<T> collectOnce() {
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
