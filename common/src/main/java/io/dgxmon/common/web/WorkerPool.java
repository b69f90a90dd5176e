package io.dgxmon.common.web;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener's workers: an idle thread takes the next request; a new one is started only when all are busy, up to
 * {@code workers}; beyond that requests queue (one per allowed connection, so the queue never overflows; were it to,
 * the JDK closes that one connection instead of blocking its dispatcher, which is what stalled every client of
 * client_java's default executor). Threads idle for a minute end. A plain {@link ThreadPoolExecutor} would either
 * start a thread per request up to its core size or never grow past it while the queue has room.
 */
final class WorkerPool {
  private WorkerPool() {}

  static ThreadPoolExecutor start(String name, HttpLimits limits) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads = task -> {
      Thread thread = new Thread(task, "dgxmon-http-" + name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    GrowFirstQueue queue = new GrowFirstQueue(limits.maxConnections());
    Pool pool = new Pool(limits.workers(), queue, threads);
    queue.pool = pool;
    return pool;
  }

  /**
   * Counts the tasks handed over and not yet finished. A thread that was just started has not begun its first task
   * yet, so the executor's own active count would see it as idle and queue the next task behind it.
   */
  private static final class Pool extends ThreadPoolExecutor {
    private final AtomicInteger unfinished = new AtomicInteger();

    Pool(int workers, GrowFirstQueue queue, ThreadFactory threads) {
      super(0, workers, 60, TimeUnit.SECONDS, queue, threads, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable task) {
      unfinished.incrementAndGet();
      try {
        super.execute(task);
      } catch (RejectedExecutionException e) {
        unfinished.decrementAndGet();
        throw e;
      }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
      unfinished.decrementAndGet();
    }
  }

  /** Refuses a task while the pool may still grow and no thread is idle, so the pool starts one. */
  private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private transient volatile Pool pool;

    GrowFirstQueue(int capacity) {
      super(capacity);
    }

    @Override
    public boolean offer(Runnable task) {
      Pool executor = pool;
      int size = executor.getPoolSize();
      if (size < executor.getMaximumPoolSize() && executor.unfinished.get() > size) {
        return false;
      }
      return super.offer(task);
    }
  }
}
