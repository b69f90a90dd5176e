package io.dgxmon.exporter.energy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads the BMC's power in the background, on its own thread and interval, so a scrape never waits for a BMC: it
 * takes {@link #state()}, the last reading with its time. A failure is logged once when it starts and once when the
 * BMC answers again.
 */
public final class BmcPowerPoller implements AutoCloseable {

  /**
   * What scrapes see.
   *
   * @param reading the last good reading; kept through later failures
   * @param readAtNanos when it was taken ({@code nanoTime} clock)
   * @param attempted whether a reading has finished at all
   * @param lastSucceeded whether the latest attempt gave a reading
   * @param failures failed attempts since start
   */
  public record State(Optional<DcmiReading> reading, long readAtNanos, boolean attempted, boolean lastSucceeded,
      long failures) {
    static final State NONE = new State(Optional.empty(), 0, false, false, 0);
  }

  /** Gives one reading; {@link DcmiReader} in the service. */
  public interface Reading {
    DcmiAnswer read() throws InterruptedException;
  }

  private final Reading reading;
  private final Duration interval;
  private final Consumer<String> log;
  private final LongSupplier clock;
  private final AtomicReference<State> state = new AtomicReference<>(State.NONE);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "dgxmon-bmc-power");
    thread.setDaemon(true);
    return thread;
  });
  private String reportedProblem;

  public BmcPowerPoller(Reading reading, Duration interval, Consumer<String> log, LongSupplier clock) {
    this.reading = reading;
    this.interval = interval;
    this.log = log;
    this.clock = clock;
  }

  /** Starts reading now and then every interval after the previous reading ended. */
  public BmcPowerPoller start() {
    scheduler.scheduleWithFixedDelay(this::pollOnce, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    return this;
  }

  public State state() {
    return state.get();
  }

  public Duration interval() {
    return interval;
  }

  /** One reading; runs on the poller's thread (tests call it directly). */
  void pollOnce() {
    DcmiAnswer answer;
    try {
      answer = reading.read();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // closing
    } catch (RuntimeException e) {
      answer = DcmiAnswer.failed(String.valueOf(e)); // the schedule must go on
    }
    State before = state.get();
    if (answer.reading().isPresent()) {
      state.set(new State(answer.reading(), clock.getAsLong(), true, true, before.failures()));
      if (reportedProblem != null) {
        log.accept("BMC power reading works again");
        reportedProblem = null;
      }
    } else {
      state.set(new State(before.reading(), before.readAtNanos(), true, false, before.failures() + 1));
      if (!answer.problem().equals(reportedProblem)) {
        log.accept("BMC power reading failed: " + answer.problem() + " (logged again when it changes)");
        reportedProblem = answer.problem();
      }
    }
  }

  /** Stops the thread; a running tool is killed by the interrupt ({@link ToolRunner}). */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
