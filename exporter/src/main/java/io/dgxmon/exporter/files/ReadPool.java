package io.dgxmon.exporter.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs file reads on a few daemon threads and waits for each at most a deadline. Java cannot open with
 * O_NONBLOCK, so a FIFO swapped in after the type check blocks {@code open(2)} until a writer appears, and
 * interrupting does not help: such a read is abandoned on its thread. Its thread stays taken until the call
 * returns; once every thread is taken, reads fail at once instead of piling up threads or blocking the caller.
 * The threads are daemons, so shutdown never waits for them.
 */
final class ReadPool {
  static final int DEFAULT_THREADS = 8;
  private static final ReadPool SHARED = new ReadPool(DEFAULT_THREADS);

  private final int threads;
  private final ThreadPoolExecutor executor;

  ReadPool(int threads) {
    this.threads = threads;
    AtomicInteger count = new AtomicInteger();
    // No queue: a read either gets a free thread now or is refused, so nothing waits behind a stuck read.
    this.executor = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
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
    Future<T> future;
    try {
      future = executor.submit(read);
    } catch (RejectedExecutionException e) {
      throw new IOException("all " + threads + " file reader threads are stuck in earlier reads; not read");
    }
    try {
      return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException("no answer within " + deadline.toMillis() + " ms (a FIFO or device swapped in, or a"
          + " hung file system); the read is abandoned");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  /** Threads currently running a read (stuck ones included); for tests. */
  int busyThreads() {
    return executor.getActiveCount();
  }
}
