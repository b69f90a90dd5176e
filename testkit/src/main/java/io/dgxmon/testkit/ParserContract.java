package io.dgxmon.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opentest4j.AssertionFailedError;

/**
 * The property every fuzz target checks: a parser of outside text answers within a deadline, either with a value or
 * with its documented exception, and with nothing else. The parse runs on one reused daemon thread, so a hang fails
 * the input (and Jazzer records it) instead of stalling the build; a thread stuck in a hang is left behind.
 */
public final class ParserContract {
  /**
   * Far above any honest parse of a fuzz input, even the deployer's 100,000-host range on a loaded 2-core CI box
   * (5 s was crossed there); a stall or a super-linear blow-up crosses it.
   */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private static ExecutorService worker = newWorker();

  private ParserContract() {}

  /**
   * Runs {@code parse}; returns its value, or {@code null} when it threw {@code documented}.
   *
   * @throws AssertionFailedError when it threw anything else or did not finish within {@link #DEADLINE}
   */
  public static <T> T valueOrRefusal(Class<? extends Exception> documented, Callable<T> parse) {
    Future<T> answer = worker.submit(parse);
    try {
      return answer.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (documented.isInstance(e.getCause())) {
        return null;
      }
      throw new AssertionFailedError("the parser threw " + e.getCause() + ", but documents only "
          + documented.getSimpleName(), e.getCause());
    } catch (TimeoutException e) {
      answer.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      throw new AssertionFailedError("the parser did not answer within " + DEADLINE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting for the parser", e);
    }
  }

  /** Runs {@code parse}, which documents no exception at all; returns its value. */
  public static <T> T value(Callable<T> parse) {
    return valueOrRefusal(NoExceptionDocumented.class, parse);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "parser-under-fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  /** Never thrown: stands for "no exception is documented". */
  private static final class NoExceptionDocumented extends Exception {
    private static final long serialVersionUID = 1L;
  }
}
