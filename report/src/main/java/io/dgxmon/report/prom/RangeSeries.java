package io.dgxmon.report.prom;

import java.util.List;
import java.util.Map;

/** One series of a range-vector answer: its labels and every raw sample in the range, oldest first. */
public record RangeSeries(Map<String, String> labels, List<Point> points) {
  public RangeSeries {
    labels = Map.copyOf(labels);
    points = List.copyOf(points);
  }

  /** A raw sample: Unix seconds and value. */
  public record Point(double time, double value) {}

  public String label(String name) {
    return labels.getOrDefault(name, "");
  }
}
