package io.dgxmon.rolemonitor.targets;

import java.util.List;
import java.util.Map;

/** One Prometheus file_sd / http_sd target group; {@code labels} keeps its insertion order. */
public record TargetGroup(List<String> targets, Map<String, String> labels) {
  public TargetGroup {
    targets = List.copyOf(targets);
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }
}
