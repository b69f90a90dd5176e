package io.dgxmon.rolemonitor.daemon;

import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.rolemonitor.targets.TargetsDiff;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What applying one diff to the targets directory did. Every write and removal is tried even after one fails (one
 * bad file must not freeze every other node's targets); each failure is kept as "file: why" for the log.
 */
record FileChanges(int written, int removed, List<String> failures) {
  FileChanges {
    failures = List.copyOf(failures);
  }

  static FileChanges apply(FileSdWriter writer, TargetsDiff diff, Duration staleTempAge) {
    int written = 0;
    int removed = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> e : diff.writes().entrySet()) {
      try {
        writer.write(e.getKey(), e.getValue());
        written++;
      } catch (IOException | RuntimeException x) {
        failures.add(e.getKey() + ": " + x.getMessage());
      }
    }
    for (String name : diff.removals()) {
      try {
        removed += writer.remove(name) ? 1 : 0;
      } catch (IOException | RuntimeException x) {
        failures.add(name + " (removal): " + x.getMessage());
      }
    }
    try {
      writer.removeStaleTemps(staleTempAge);
    } catch (IOException | RuntimeException x) {
      failures.add("stale temp files: " + x.getMessage());
    }
    return new FileChanges(written, removed, failures);
  }
}
