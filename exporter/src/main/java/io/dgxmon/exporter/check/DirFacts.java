package io.dgxmon.exporter.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One directory the service reads per scrape (job map, job info, gpustat).
 *
 * @param topic e.g. {@code job map}
 * @param dir the configured directory; empty when the directory is turned off
 * @param state whether it exists and could be listed
 * @param problem the listing's error for {@code UNREADABLE}
 * @param readCount how many files the service reads
 * @param jobs how many distinct jobs those files name
 * @param holds what those files say, e.g. {@code 2 jobs on 3 GPUs (0: 17; 1: 17; 2.1: 18)}
 * @param skipped entries the service skips, each with the reason
 */
public record DirFacts(String topic, Optional<Path> dir, State state, String problem, int readCount, int jobs,
    String holds,
    List<Skipped> skipped) {

  /** OFF: not configured; MISSING: does not exist (nothing to read); UNREADABLE; PRESENT. */
  public enum State { OFF, MISSING, UNREADABLE, PRESENT }

  /** A directory entry the service does not read, and why. */
  public record Skipped(String name, String reason) {}

  public DirFacts {
    skipped = List.copyOf(skipped);
  }

  static DirFacts off(String topic) {
    return new DirFacts(topic, Optional.empty(), State.OFF, "", 0, 0, "", List.of());
  }

  static DirFacts missing(String topic, Path dir) {
    return new DirFacts(topic, Optional.of(dir), State.MISSING, "", 0, 0, "", List.of());
  }

  static DirFacts unreadable(String topic, Path dir, String problem) {
    return new DirFacts(topic, Optional.of(dir), State.UNREADABLE, problem, 0, 0, "", List.of());
  }
}
