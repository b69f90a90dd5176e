package io.dgxmon.deploy.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one target has received, as recorded locally: finished steps with their fingerprints (for --resume) and the
 * install manifest (for uninstall): files, trees, links, enabled units and the directories this tool created.
 */
public record TargetState(
    String configHash,
    Map<String, String> steps,
    Set<String> files,
    Set<String> trees,
    Set<String> links,
    Set<String> units,
    List<String> createdDirs) {

  public static TargetState empty() {
    return new TargetState("", new LinkedHashMap<>(), new LinkedHashSet<>(), new LinkedHashSet<>(),
        new LinkedHashSet<>(), new LinkedHashSet<>(), new ArrayList<>());
  }

  /** A mutable copy (the executor updates it step by step, then saves it). */
  public TargetState copy() {
    return new TargetState(configHash, new LinkedHashMap<>(steps), new LinkedHashSet<>(files),
        new LinkedHashSet<>(trees), new LinkedHashSet<>(links), new LinkedHashSet<>(units),
        new ArrayList<>(createdDirs));
  }

  public TargetState withConfigHash(String hash) {
    return new TargetState(hash, steps, files, trees, links, units, createdDirs);
  }

  public boolean isDone(String step, String fingerprint) {
    return fingerprint.equals(steps.get(step));
  }
}
