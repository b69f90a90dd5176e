package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  private static final Duration SHORT = Duration.ofMillis(300);

  @Test
  void returnsTheFirstAnswerThatSatisfiesTheTest() {
    AtomicInteger calls = new AtomicInteger();
    int answer = Await.until("three calls", Duration.ofSeconds(5), calls::incrementAndGet, n -> n == 3);
    assertEquals(3, answer);
  }

  @Test
  void aTimeoutNamesWhatWasAwaitedAndTheLastAnswer() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> Await.until("the answer 42", SHORT, () -> 41, n -> n == 42));
    assertTrue(failure.getMessage().contains("waiting for the answer 42; last answer: 41"), failure.getMessage());
  }

  @Test
  void aProbeExceptionMeansNotYetAndIsTheCauseOnTimeout() {
    IOException refused = new IOException("connection refused");
    AssertionError failure = assertThrows(AssertionError.class,
        () -> Await.until("a server", SHORT, () -> { throw refused; }, x -> true));
    assertSame(refused, failure.getCause());
    AtomicInteger calls = new AtomicInteger();
    assertEquals("up", Await.until("a server", Duration.ofSeconds(5), () -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("connection refused");
      }
      return "up";
    }, "up"::equals));
  }

  @Test
  void anErrorFromTheProbeEndsTheWaitAtOnce() {
    long start = System.nanoTime();
    AssertionError hopeless = new AssertionError("the job ended FAILED");
    assertSame(hopeless, assertThrows(AssertionError.class,
        () -> Await.until("a job", Duration.ofSeconds(30), () -> { throw hopeless; }, x -> true)));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
  }

  @Test
  void aBooleanConditionIsPolledUntilTrue() {
    AtomicInteger calls = new AtomicInteger();
    Await.until("a second call", Duration.ofSeconds(5), () -> calls.incrementAndGet() >= 2);
    assertEquals(2, calls.get());
    assertThrows(AssertionError.class, () -> Await.until("never", SHORT, () -> false));
  }

  @Test
  void whileAliveIsTrueOnceReadyAndFalseWhenTheDaemonDiesOrTimeRunsOut() {
    AtomicInteger polls = new AtomicInteger();
    assertTrue(Await.whileAlive(Duration.ofSeconds(5), Duration.ofMillis(1), () -> true,
        () -> polls.incrementAndGet() == 3));
    long start = System.nanoTime();
    assertFalse(Await.whileAlive(Duration.ofSeconds(30), Duration.ofMillis(1), () -> polls.get() < 5,
        () -> polls.incrementAndGet() < 0));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "a dead daemon is not waited for");
    assertFalse(Await.whileAlive(SHORT, Duration.ofMillis(10), () -> true, () -> false));
  }

  @Test
  void untilPassesRethrowsTheLastFailureOfTheAssertionItself() {
    AtomicInteger calls = new AtomicInteger();
    Await.untilPasses(Duration.ofSeconds(5), () -> assertEquals(3, calls.incrementAndGet()));
    AssertionError failure = assertThrows(AssertionError.class,
        () -> Await.untilPasses(SHORT, () -> assertEquals("mapped", "empty", "map file of GPU 0")));
    assertTrue(failure.getMessage().startsWith("map file of GPU 0"), failure.getMessage());
  }
}
