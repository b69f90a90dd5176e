package io.dgxmon.report.job;

import java.time.Duration;
import java.time.Instant;

/** The time a report covers: the job's start to its last sample (or now while it runs). */
public record JobWindow(Instant start, Instant end, boolean running) {
  /** The range selector that covers the window, evaluated at {@link #end}: whole seconds, at least 1. */
  public String range() {
    return Math.max(1, Duration.between(start, end).toSeconds() + 1) + "s";
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
