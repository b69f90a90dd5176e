package io.dgxmon.exporter.gpu;

import java.util.List;
import java.util.Map;

/**
 * dcgm-exporter's GPU → job map as read in one scrape: job ids per mapping key ({@code <gpu>} or
 * {@code <gpu>.<gpu instance id>}), duplicates removed, in file order.
 */
public record HpcJobMap(Map<String, List<String>> jobsByKey) {
  public static final HpcJobMap EMPTY = new HpcJobMap(Map.of());

  public HpcJobMap {
    jobsByKey = Map.copyOf(jobsByKey);
  }

  /** The jobs on {@code key}; empty when the GPU has no file or an empty one. */
  public List<String> jobs(String key) {
    return jobsByKey.getOrDefault(key, List.of());
  }
}
