package io.dgxmon.deploy.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.dgxmon.deploy.plan.InstallManifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one target has received, as recorded locally: finished steps with their fingerprints (for --resume) and the
 * install manifest (for uninstall). Immutable: each change returns a new state, which the executor saves.
 */
public record TargetState(String configHash, Map<String, String> steps, InstallManifest manifest) {
  public static final TargetState EMPTY = new TargetState("", Map.of(), InstallManifest.EMPTY);

  public TargetState {
    configHash = configHash == null ? "" : configHash;
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps == null ? Map.of() : steps));
    manifest = manifest == null ? InstallManifest.EMPTY : manifest;
  }

  /** Written flat, see {@link #fromJson}; only the accessor is annotated: Jackson cannot unwrap creator parameters. */
  @Override
  @JsonUnwrapped
  public InstallManifest manifest() {
    return manifest;
  }

  /** The state file keeps the manifest's lists beside the steps (the format since the first release). */
  @JsonCreator
  static TargetState fromJson(@JsonProperty("configHash") String configHash,
      @JsonProperty("steps") Map<String, String> steps, @JsonProperty("files") List<String> files,
      @JsonProperty("trees") List<String> trees, @JsonProperty("links") List<String> links,
      @JsonProperty("units") List<String> units, @JsonProperty("createdDirs") List<String> createdDirs) {
    return new TargetState(configHash, steps, new InstallManifest(files, trees, links, units, createdDirs));
  }

  public TargetState withConfigHash(String hash) {
    return new TargetState(hash, steps, manifest);
  }

  public TargetState withManifest(InstallManifest m) {
    return new TargetState(configHash, steps, m);
  }

  public TargetState withStep(String step, String fingerprint) {
    Map<String, String> s = new LinkedHashMap<>(steps);
    s.put(step, fingerprint);
    return new TargetState(configHash, s, manifest);
  }

  public TargetState withoutStep(String step) {
    Map<String, String> s = new LinkedHashMap<>(steps);
    s.remove(step);
    return new TargetState(configHash, s, manifest);
  }

  public boolean isDone(String step, String fingerprint) {
    return fingerprint.equals(steps.get(step));
  }
}
