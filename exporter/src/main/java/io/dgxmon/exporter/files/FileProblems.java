package io.dgxmon.exporter.files;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Logs a problem with one input file once, not on every scrape: again only when the problem changes, or when it
 * comes back after the file was read fine. A scrape-time file problem would otherwise flood the journal.
 */
public final class FileProblems {
  /** Past this many files with a standing problem the memory is dropped (some lines may then repeat once). */
  private static final int MAX_REMEMBERED = 10_000;

  private final Consumer<String> log;
  private final Map<Path, String> current = new ConcurrentHashMap<>();

  public FileProblems(Consumer<String> log) {
    this.log = Objects.requireNonNull(log);
  }

  /** {@code file} is skipped because of {@code reason}; logged unless the same reason was logged last time. */
  public void skipped(Path file, String reason) {
    if (current.size() >= MAX_REMEMBERED) {
      current.clear();
    }
    if (!reason.equals(current.put(file, reason))) {
      log.accept("skipping " + file + ": " + reason);
    }
  }

  /** {@code file} was read fine (or is gone): a later problem is news again. */
  public void cleared(Path file) {
    if (!current.isEmpty()) {
      current.remove(file);
    }
  }
}
