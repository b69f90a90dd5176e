package io.dgxmon.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  private static final HttpLimits FOUR_WORKERS = new HttpLimits(4, 16, 2, Duration.ofSeconds(5),
      Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void oneRequestAtATimeKeepsOneThread() throws Exception {
    ThreadPoolExecutor pool = WorkerPool.start("t", FOUR_WORKERS);
    try {
      for (int i = 0; i < 20; i++) {
        pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
        Thread.sleep(2);
      }
      assertEquals(1, pool.getPoolSize());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void busyWorkersGrowThePoolToItsLimitThenRequestsQueue() throws Exception {
    ThreadPoolExecutor pool = WorkerPool.start("t", FOUR_WORKERS);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(10);
    try {
      for (int i = 0; i < 10; i++) {
        pool.execute(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          done.countDown();
        });
      }
      assertEquals(4, pool.getPoolSize());
      assertEquals(6, pool.getQueue().size());
      release.countDown();
      assertTrue(done.await(5, TimeUnit.SECONDS), "queued requests are served by the same four threads");
      assertEquals(4, pool.getPoolSize());
    } finally {
      pool.shutdownNow();
    }
  }
}
