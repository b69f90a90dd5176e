package io.dgxmon.rolemonitor.daemon;

import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.rolemonitor.targets.TargetsDiff;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What applying one diff to the targets directory did. Every write and removal is tried even after one fails (one
 * bad file must not freeze every other node's targets); each failure is kept as "file: why" for the log, sorted.
 *
 * <p>Writes and removals run on a few threads at once. Each is still one {@link FileSdWriter} call, so each file is
 * replaced atomically on its own (fsynced temp file, rename, directory fsync); what overlaps is the waiting for the
 * disk: concurrent fsyncs on one ext4/XFS file system share a journal commit, and on NFS (/cm/shared) their COMMIT
 * round trips overlap. A first cycle or a mass change on a large cluster is bound by those waits, one per file
 * (docs/Role-Monitor.md has the figures).
 */
public record FileChanges(int written, int removed, List<String> failures) {
  /** Writers at once: the first cycle of 42,578 files gains little past 8 (docs/Role-Monitor.md, "Scale"). */
  public static final int PARALLEL_WRITES = 8;

  public FileChanges {
    failures = List.copyOf(failures);
  }

  static FileChanges apply(FileSdWriter writer, TargetsDiff diff, Duration staleTempAge) {
    return apply(writer, diff, staleTempAge, PARALLEL_WRITES);
  }

  /** Applies {@code diff} with at most {@code threads} writes or removals at once (1: one after the other). */
  public static FileChanges apply(FileSdWriter writer, TargetsDiff diff, Duration staleTempAge, int threads) {
    AtomicInteger written = new AtomicInteger();
    AtomicInteger removed = new AtomicInteger();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Map.Entry<String, String> e : diff.writes().entrySet()) {
      tasks.add(attempt(e.getKey(), failures, () -> {
        writer.write(e.getKey(), e.getValue());
        written.incrementAndGet();
      }));
    }
    for (String name : diff.removals()) {
      tasks.add(attempt(name + " (removal)", failures, () -> removed.addAndGet(writer.remove(name) ? 1 : 0)));
    }
    runAll(tasks, threads, failures);
    try {
      writer.removeStaleTemps(staleTempAge);
    } catch (IOException | RuntimeException x) {
      failures.add("stale temp files: " + x.getMessage());
    }
    return new FileChanges(written.get(), removed.get(), failures.stream().sorted().toList());
  }

  private interface FileStep {
    void run() throws IOException;
  }

  private static Callable<Void> attempt(String what, Queue<String> failures, FileStep step) {
    return () -> {
      try {
        step.run();
      } catch (IOException | RuntimeException x) {
        failures.add(what + ": " + x.getMessage());
      }
      return null;
    };
  }

  private static void runAll(List<Callable<Void>> tasks, int threads, Queue<String> failures) {
    if (tasks.isEmpty()) {
      return;
    }
    AtomicInteger number = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
      Thread t = new Thread(r, "targets-writer-" + number.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      pool.invokeAll(tasks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted before every file was written or removed");
    } finally {
      pool.shutdownNow();
    }
  }
}
