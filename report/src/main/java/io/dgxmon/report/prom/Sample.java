package io.dgxmon.report.prom;

import java.util.Map;

/** One series of an instant query's answer: its labels and its value at the evaluation time. */
public record Sample(Map<String, String> labels, double value) {
  public Sample {
    labels = Map.copyOf(labels);
  }

  /** The label's value, "" when the series has no such label (Prometheus's own rule). */
  public String label(String name) {
    return labels.getOrDefault(name, "");
  }
}
