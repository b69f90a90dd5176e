package io.dgxmon.exporter.pods;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;

/** dcgm-exporter's pod attributes on a series: {@code container, namespace, pod}, one series per holding container. */
public final class PodLabels {
  private PodLabels() {}

  /** {@code labels} once per container in {@code pods}, or unchanged when no pod holds the device. */
  public static List<Labels> each(Labels labels, List<PodRef> pods) {
    if (pods.isEmpty()) {
      return List.of(labels);
    }
    return pods.stream()
        .map(p -> labels.add("container", p.container()).add("namespace", p.namespace()).add("pod", p.pod()))
        .toList();
  }
}
