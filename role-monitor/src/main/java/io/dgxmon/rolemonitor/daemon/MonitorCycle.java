package io.dgxmon.rolemonitor.daemon;

import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.CmshQuery;
import io.dgxmon.rolemonitor.cmsh.CmshRunner;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.targets.DeletionGuard;
import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.rolemonitor.targets.TargetFileFormat;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import io.dgxmon.rolemonitor.targets.TargetsDiff;
import io.dgxmon.rolemonitor.targets.TargetsPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One poll: run cmsh once, plan, and apply the plan to the targets directory. Anything wrong with
 * the cmsh answer (exit code, timeout, too big, error text, unparsable) ends the cycle before any file is touched.
 * A cycle succeeds (and moves {@code last_success}) only when every planned write and removal happened; a file that
 * could not be written (disk full, read-only NFS, a name too long) fails it and is counted, while the other files
 * are still tried.
 */
public final class MonitorCycle {
  /** How a cycle ended; {@code --once} turns it into the exit code. */
  public enum Outcome { APPLIED, CMSH_FAILED, FILES_FAILED }

  /** Temp files younger than this may belong to the other head node's monitor, mid-write. */
  private static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);

  private final MonitorConfig config;
  private final CmshRunner runner;
  private final FileSdWriter writer;
  private final MonitorMetrics metrics;
  private final EventLog log;
  private final TargetsBody httpSd;
  /** Last cycle's warnings: each is logged when it first appears, not every poll. */
  private Set<String> warned = Set.of();

  MonitorCycle(MonitorConfig config, FileSdWriter writer, MonitorMetrics metrics, EventLog log, TargetsBody httpSd) {
    this.config = config;
    this.runner = new CmshRunner(Duration.ofSeconds(config.cmshTimeoutSeconds()), config.cmshMaxOutputBytes());
    this.writer = writer;
    this.metrics = metrics;
    this.log = log;
    this.httpSd = httpSd;
  }

  public Outcome run() throws InterruptedException {
    String output;
    try {
      output = cmshOutput();
    } catch (CmshParseException | IOException e) {
      metrics.cmshFailed();
      log.error("cmsh failed, no target file changed: " + e.getMessage());
      return Outcome.CMSH_FAILED;
    }
    TargetsPlan plan;
    Map<String, String> managed;
    try {
      managed = writer.managedFiles();
      plan = TargetsPlan.from(output, config, managed);
    } catch (CmshParseException e) {
      metrics.cmshFailed();
      log.error("cmsh answer not usable, no target file changed: " + e.getMessage());
      return Outcome.CMSH_FAILED;
    } catch (IOException e) {
      metrics.writeFailed();
      log.error("cannot read targets directory " + writer.dir() + ", no target file changed: " + e.getMessage());
      return Outcome.FILES_FAILED;
    }
    warnOnChange(plan);
    Applied applied = apply(plan, managed.size());
    // After the files and metrics: whoever sees the new /targets also sees this cycle's metrics. The removals held
    // back (deletion guard) are still files, so /targets keeps them too: both discovery paths agree.
    httpSd.update(publishedGroups(plan, managed, applied.notRemoved()));
    return applied.outcome();
  }

  /** How {@link #apply} ended, and which planned removals it did not make (held back, or never reached). */
  private record Applied(Outcome outcome, Set<String> notRemoved) {}

  /** The plan's groups plus those of the managed files whose removal was not made, in host order. */
  static List<TargetGroup> publishedGroups(TargetsPlan plan, Map<String, String> managed, Set<String> notRemoved) {
    if (notRemoved.isEmpty()) {
      return plan.allGroups();
    }
    SortedMap<String, List<TargetGroup>> byHost = new TreeMap<>(plan.groupsByHost());
    for (String name : notRemoved) {
      String content = managed.get(name);
      if (content != null) {
        byHost.putIfAbsent(name.substring(0, name.length() - ".json".length()), TargetFileFormat.groups(content));
      }
    }
    List<TargetGroup> all = new ArrayList<>();
    byHost.values().forEach(all::addAll);
    return all;
  }

  private void warnOnChange(TargetsPlan plan) {
    Set<String> now = new LinkedHashSet<>(plan.warnings());
    now.stream().filter(w -> !warned.contains(w)).forEach(log::warn);
    warned = now;
  }

  private String cmshOutput() throws IOException, InterruptedException, CmshParseException {
    CmshRunner.Run run = runner.run(CmshQuery.commandLine(config.cmsh(), config.nodeTypes()));
    metrics.cmshRan(run.duration().toNanos() / 1e9);
    String failure = run.failure(config.cmshTimeoutSeconds());
    if (failure != null) {
      throw new CmshParseException(failure);
    }
    return run.stdout();
  }

  private Applied apply(TargetsPlan plan, int managedCount) {
    TargetsDiff diff = plan.diff();
    TargetsDiff allowed;
    try {
      DeletionGuard guard = new DeletionGuard(config.maxDeletionFraction(), writer.pendingRemovals());
      allowed = diff.withRemovalsOnly(guard.allow(diff.removals(), managedCount));
      writer.savePendingRemovals(guard.pending());
    } catch (IOException e) {
      metrics.writeFailed();
      log.error("cannot keep the pending-removals record in " + writer.dir() + ": " + e.getMessage());
      return new Applied(Outcome.FILES_FAILED, diff.removals());
    }
    Set<String> heldBack = new TreeSet<>(diff.removals());
    heldBack.removeAll(allowed.removals());
    int held = heldBack.size();
    if (held > 0) {
      log.warn("holding " + held + " of " + managedCount + " target files for removal until the next cycle agrees"
          + " (more than maxDeletionFraction=" + config.maxDeletionFraction() + ")");
    }
    FileChanges done = FileChanges.apply(writer, allowed, STALE_TEMP_AGE);
    metrics.planned(plan.targetedNodes(), plan.untargetedNodes(), plan.warnings().size(), done.written(),
        done.removed(), held);
    if (done.written() + done.removed() > 0) {
      log.info("targets: " + plan.targetedNodes() + " nodes, " + done.written() + " files written, " + done.removed()
          + " removed");
    }
    if (!done.failures().isEmpty()) {
      metrics.writeFailed();
      log.error("writing targets in " + writer.dir() + " failed for " + done.failures().size() + " file(s), first: "
          + done.failures().get(0) + "; last_success not updated");
      return new Applied(Outcome.FILES_FAILED, heldBack);
    }
    metrics.succeeded();
    return new Applied(Outcome.APPLIED, heldBack);
  }
}
