package io.dgxmon.exporter.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs file reads on daemon threads and waits for each at most a deadline. Java cannot open with O_NONBLOCK, so a
 * FIFO swapped in after the type check blocks {@code open(2)} until a writer appears, and interrupting does not
 * help: such a read is abandoned on its thread, which stays taken until the call returns. At most
 * {@code maxStuck} reads may be abandoned at once; past that, reads fail at once instead of piling up threads.
 * Reads that are merely concurrent (several scrapes) are never refused: their number is bounded by the callers.
 * The threads are daemons, so shutdown never waits for them.
 */
final class ReadPool {
  static final int DEFAULT_MAX_STUCK = 8;
  private static final ReadPool SHARED = new ReadPool(DEFAULT_MAX_STUCK);

  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int ABANDONED = 3;
  /** Given up on before it started: it never runs, so it takes no thread and does not count as stuck. */
  private static final int CANCELLED = 4;

  private final int maxStuck;
  private final AtomicInteger stuck = new AtomicInteger();
  private final ExecutorService executor;

  ReadPool(int maxStuck) {
    this(maxStuck, newExecutor());
  }

  /** {@code executor} runs the reads; tests pass one whose reads wait in a queue. */
  ReadPool(int maxStuck, ExecutorService executor) {
    this.maxStuck = maxStuck;
    this.executor = executor;
  }

  private static ExecutorService newExecutor() {
    AtomicInteger count = new AtomicInteger();
    // No queue: every read starts at once on an idle or a new thread, so nothing waits behind a stuck read.
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "dgxmon-file-read-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  static ReadPool shared() {
    return SHARED;
  }

  /** {@code read}'s result; its IOException as thrown; an IOException when it did not finish within {@code deadline}. */
  <T> T call(Callable<T> read, Duration deadline) throws IOException {
    if (stuck.get() >= maxStuck) {
      throw new IOException(maxStuck + " earlier reads are stuck (FIFOs or a hung file system); not read");
    }
    AtomicInteger state = new AtomicInteger(QUEUED);
    Future<T> future = executor.submit(() -> {
      if (!state.compareAndSet(QUEUED, RUNNING)) {
        throw new CancellationException("given up on before it started"); // nobody waits for it any more
      }
      try {
        return read.call();
      } finally {
        if (!state.compareAndSet(RUNNING, DONE)) {
          stuck.decrementAndGet(); // an abandoned read returned after all: its thread is free again
        }
      }
    });
    return await(future, state, deadline);
  }

  private <T> T await(Future<T> future, AtomicInteger state, Duration deadline) throws IOException {
    try {
      try {
        return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (!giveUp(future, state)) {
          return future.get(); // it finished just now
        }
        throw new IOException("no answer within " + deadline.toMillis() + " ms (a FIFO or device swapped in, or a"
            + " hung file system); the read is abandoned");
      }
    } catch (InterruptedException e) {
      giveUp(future, state); // the caller gave up (e.g. its collection was abandoned)
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  /**
   * Gives up on a read that has not finished. Only a read that has started counts as stuck (until it returns): one
   * that has not started never will, so nothing would ever take it off the count again.
   *
   * @return false when the read had already finished
   */
  private boolean giveUp(Future<?> future, AtomicInteger state) {
    if (state.compareAndSet(QUEUED, CANCELLED)) {
      future.cancel(false);
      return true;
    }
    if (state.compareAndSet(RUNNING, ABANDONED)) {
      stuck.incrementAndGet();
      future.cancel(true); // helps a read that is interruptible; open(2) on a FIFO is not
      return true;
    }
    return false;
  }

  /** Reads abandoned and not yet returned; for tests. */
  int stuckReads() {
    return stuck.get();
  }
}
