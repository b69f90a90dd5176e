package io.dgxmon.exporter.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedCollectionTest {
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final List<Thread> scraperThreads = new CopyOnWriteArrayList<>();
  final ExecutorService scrapers = Executors.newFixedThreadPool(8, task -> {
    Thread thread = new Thread(task, "scraper-" + scraperThreads.size());
    scraperThreads.add(thread);
    return thread;
  });
  final CountDownLatch release = new CountDownLatch(1);

  /** A source that signals {@code started}, waits for {@link #release} and returns its call count. */
  Source<Integer> countsOnceReleased(AtomicInteger calls, CountDownLatch started) {
    return Source.of("slow", () -> {
      started.countDown();
      release.await();
      return calls.incrementAndGet();
    });
  }

  @AfterEach
  void stop() {
    release.countDown();
    scrapers.shutdownNow();
  }

  @Test
  void concurrentScrapesShareOneCollection() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    SharedCollection<Integer> shared = new SharedCollection<>(countsOnceReleased(calls, started), Duration.ZERO,
        Duration.ofSeconds(30), log::add);

    List<Future<SharedCollection.Result<Integer>>> results = new ArrayList<>();
    results.add(scrapers.submit(shared::get));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < 7; i++) {
      results.add(scrapers.submit(shared::get));
    }
    Await.until("all eight scrapers waiting on the one collection", Duration.ofSeconds(10),
        () -> scrapersWaitingInGet() == 8);
    release.countDown();

    for (Future<SharedCollection.Result<Integer>> r : results) {
      assertEquals(1, r.get(10, TimeUnit.SECONDS).value());
      assertTrue(r.get().success());
    }
    assertEquals(1, calls.get());
    assertEquals(2, shared.get().value()); // max age 0: the next scrape collects again
  }

  @Test
  void aResultYoungerThanMaxAgeIsReused() {
    AtomicInteger calls = new AtomicInteger();
    SharedCollection<Integer> shared = new SharedCollection<>(Source.of("fast", calls::incrementAndGet),
        Duration.ofHours(1), Duration.ofSeconds(5), log::add);
    assertEquals(1, shared.get().value());
    assertEquals(1, shared.get().value());
    assertEquals(1, calls.get());
  }

  @Test
  void aPrefetchStartsTheCollectionWithoutWaitingAndTheNextScrapeTakesItsResult() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    SharedCollection<Integer> shared = new SharedCollection<>(countsOnceReleased(calls, started), Duration.ZERO,
        Duration.ofSeconds(30), log::add);

    shared.prefetch(); // returns while the source is blocked
    assertTrue(started.await(10, TimeUnit.SECONDS));
    shared.prefetch(); // one is running: no second call
    release.countDown();
    Await.until("the prefetched collection finished", Duration.ofSeconds(10), () -> calls.get() == 1);

    assertEquals(1, shared.get().value()); // max age 0, yet the prefetched result serves this scrape
    assertEquals(2, shared.get().value()); // and only this one
    assertEquals(2, calls.get());
  }

  @Test
  void aHungSourceServesTheLastGoodValueAndStartsNoSecondCall() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    SharedCollection<String> shared = new SharedCollection<>(Source.of("nvml", () -> {
      if (calls.incrementAndGet() == 1) {
        return "good";
      }
      release.await(); // the GPU fell off the bus
      return "late";
    }), Duration.ZERO, Duration.ofMillis(200), log::add);
    assertEquals("good", shared.get().value());

    long start = System.nanoTime();
    SharedCollection.Result<String> hung = shared.get();
    SharedCollection.Result<String> stillHung = shared.get();
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    assertEquals("good", hung.value());
    assertFalse(hung.success());
    assertFalse(stillHung.success());
    assertTrue(waitedMillis < 2_000, "waited " + waitedMillis + " ms");
    assertTrue(hung.durationSeconds() >= 0.2);
    assertEquals(2, calls.get(), "no new call while one hangs");
    assertEquals(List.of("collector nvml did not answer within 0.2s; serving its last good result until it does"),
        log);

    release.countDown();
    Await.until("the source to answer again", Duration.ofSeconds(10), () -> shared.get().success());
    assertEquals("collector nvml works again", log.get(log.size() - 1));
  }

  @Test
  void aFailureHasNoValueAndIsLoggedOnceNotPerScrape() {
    SharedCollection<String> shared = new SharedCollection<>(Source.of("cgroup", () -> {
      throw new java.io.IOException("cgroup root /nope does not exist or is not a directory");
    }), Duration.ZERO, Duration.ofSeconds(5), log::add);
    for (int i = 0; i < 3; i++) {
      SharedCollection.Result<String> result = shared.get();
      assertNull(result.value());
      assertFalse(result.success());
    }
    assertEquals(List.of("collector cgroup failed: cgroup root /nope does not exist or is not a directory"), log);
    assertFalse(shared.lastResult().success());
  }

  /** Scrapers parked (with their timeout) inside {@link SharedCollection#get()}: waiting on a collection. */
  private long scrapersWaitingInGet() {
    return scraperThreads.stream().filter(t -> t.getState() == Thread.State.TIMED_WAITING)
        .filter(t -> Arrays.stream(t.getStackTrace())
            .anyMatch(frame -> frame.getClassName().equals(SharedCollection.class.getName())))
        .count();
  }

  @Test
  void anAbandoningCollectionStartsAFreshCallOnceTheStuckOneIsPastItsTimeout() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    SharedCollection<Integer> shared = SharedCollection.abandoningStuckCalls(Source.of("jobinfo", () -> {
      int call = calls.incrementAndGet();
      if (call == 1) {
        while (true) { // like open(2) on a FIFO: interrupts do not end it
          try {
            never.await();
          } catch (InterruptedException ignored) {
            // keep blocking
          }
        }
      }
      return call;
    }), Duration.ZERO, Duration.ofMillis(200), log::add);

    SharedCollection.Result<Integer> stuck = shared.get();
    assertFalse(stuck.success());
    SharedCollection.Result<Integer> fresh = shared.get();
    assertTrue(fresh.success(), "a fresh call on a fresh thread");
    assertEquals(2, fresh.value());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("collector jobinfo: abandoned a call stuck for")), log.toString());
  }

  @Test
  void anAbandonedCallThatReturnsLateDoesNotOverwriteTheNewerResult() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger lateReturned = new AtomicInteger();
    SharedCollection<String> shared = SharedCollection.abandoningStuckCalls(Source.of("jobinfo", () -> {
      if (calls.incrementAndGet() == 1) {
        while (release.getCount() > 0) { // ignores the interrupt the abandoning sends, as open(2) does
          try {
            release.await();
          } catch (InterruptedException ignored) {
            // keep blocking
          }
        }
        lateReturned.incrementAndGet();
        return "late";
      }
      return "fresh";
    }), Duration.ofHours(1), Duration.ofMillis(200), log::add);
    assertFalse(shared.get().success());
    assertEquals("fresh", shared.get().value());
    release.countDown();
    Await.until("the abandoned call to return", Duration.ofSeconds(10), () -> lateReturned.get() == 1);
    Thread.sleep(50); // a negative check: time for the late result to be (wrongly) stored
    assertEquals("fresh", shared.get().value(), "the late result of the abandoned call is ignored");
  }

  @Test
  void atMostTwoStuckCallsAreLeftBehind() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    SharedCollection<Integer> shared = SharedCollection.abandoningStuckCalls(Source.of("cgroup", () -> {
      calls.incrementAndGet();
      while (true) {
        try {
          never.await();
        } catch (InterruptedException ignored) {
          // keep blocking
        }
      }
    }), Duration.ZERO, Duration.ofMillis(100), log::add);
    for (int i = 0; i < 6; i++) {
      assertFalse(shared.get().success());
    }
    assertEquals(SharedCollection.MAX_ABANDONED + 1, calls.get(), "calls started");
  }
}
