package io.dgxmon.report.job;

import io.dgxmon.report.prom.RangeSeries.Point;
import java.util.Arrays;
import java.util.List;

/** Energy from raw samples: a recorded power integrated over time, and a counter's increase. Pure functions. */
public final class Integrals {
  /** A gap longer than this many typical intervals means the series was absent; it counts for one interval only. */
  static final int MAX_GAP_INTERVALS = 3;

  private Integrals() {}

  /**
   * Joules from a power series in watts: each sample holds until the next one (a recording rule's value covers its
   * evaluation interval), the last one for the typical (median) interval; a gap is capped at
   * {@link #MAX_GAP_INTERVALS} intervals.
   */
  public static double joules(List<Point> watts) {
    if (watts.isEmpty()) {
      return 0;
    }
    double interval = medianInterval(watts);
    double sum = 0;
    for (int i = 0; i < watts.size(); i++) {
      double dt = i + 1 < watts.size() ? watts.get(i + 1).time() - watts.get(i).time() : interval;
      sum += watts.get(i).value() * Math.min(dt, MAX_GAP_INTERVALS * interval);
    }
    return sum;
  }

  /** A counter's increase over the samples, with Prometheus's rule for a reset (a drop restarts from zero). */
  public static double increase(List<Point> counter) {
    double sum = 0;
    for (int i = 1; i < counter.size(); i++) {
      double now = counter.get(i).value();
      double before = counter.get(i - 1).value();
      sum += now >= before ? now - before : now;
    }
    return sum;
  }

  /** The median spacing of the samples; 0 for fewer than two. */
  static double medianInterval(List<Point> points) {
    if (points.size() < 2) {
      return 0;
    }
    double[] gaps = new double[points.size() - 1];
    for (int i = 1; i < points.size(); i++) {
      gaps[i - 1] = points.get(i).time() - points.get(i - 1).time();
    }
    Arrays.sort(gaps);
    return gaps[gaps.length / 2];
  }
}
