package io.dgxmon.rolemonitor.targets;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What to change in the targets directory: files whose content differs (or that are missing) and
 * managed files no node wants any more. Keys are file names ({@code <hostname>.json}).
 */
public record TargetsDiff(SortedMap<String, String> writes, SortedSet<String> removals, int unchanged) {

  public static TargetsDiff between(Map<String, String> desired, Map<String, String> managedNow) {
    SortedMap<String, String> writes = new TreeMap<>();
    int unchanged = 0;
    for (Map.Entry<String, String> e : desired.entrySet()) {
      if (e.getValue().equals(managedNow.get(e.getKey()))) {
        unchanged++;
      } else {
        writes.put(e.getKey(), e.getValue());
      }
    }
    SortedSet<String> removals = new TreeSet<>(managedNow.keySet());
    removals.removeAll(desired.keySet());
    return new TargetsDiff(writes, removals, unchanged);
  }

  public boolean isEmpty() {
    return writes.isEmpty() && removals.isEmpty();
  }

  /** The same diff without the removals not in {@code allowed}. */
  public TargetsDiff withRemovalsOnly(Set<String> allowed) {
    SortedSet<String> kept = new TreeSet<>(removals);
    kept.retainAll(allowed);
    return new TargetsDiff(writes, kept, unchanged);
  }
}
