package io.dgxmon.rolemonitor.daemon;

import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.CmshQuery;
import io.dgxmon.rolemonitor.cmsh.CmshRunner;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.targets.DeletionGuard;
import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import io.dgxmon.rolemonitor.targets.TargetsDiff;
import io.dgxmon.rolemonitor.targets.TargetsPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One poll: run cmsh once, plan, and apply the plan to the targets directory. Anything wrong with
 * the cmsh answer (exit code, timeout, error text, unparsable) ends the cycle before any file is touched.
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
  private final AtomicReference<List<TargetGroup>> httpSd;

  public MonitorCycle(MonitorConfig config, FileSdWriter writer, MonitorMetrics metrics, EventLog log,
      AtomicReference<List<TargetGroup>> httpSd) {
    this.config = config;
    this.runner = new CmshRunner(Duration.ofSeconds(config.cmshTimeoutSeconds()));
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
      log.error("cannot read targets directory " + writer.dir() + ": " + e.getMessage());
      return Outcome.FILES_FAILED;
    }
    plan.warnings().forEach(log::warn);
    Outcome outcome = apply(plan, managed.size());
    // After the files and metrics: whoever sees the new /targets also sees this cycle's metrics.
    httpSd.set(plan.allGroups());
    return outcome;
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

  private Outcome apply(TargetsPlan plan, int managedCount) {
    TargetsDiff diff = plan.diff();
    TargetsDiff allowed;
    try {
      DeletionGuard guard = new DeletionGuard(config.maxDeletionFraction(), writer.pendingRemovals());
      allowed = diff.withRemovalsOnly(guard.allow(diff.removals(), managedCount));
      writer.savePendingRemovals(guard.pending());
    } catch (IOException e) {
      log.error("cannot keep the pending-removals record in " + writer.dir() + ": " + e.getMessage());
      return Outcome.FILES_FAILED;
    }
    int held = diff.removals().size() - allowed.removals().size();
    if (held > 0) {
      log.warn("holding " + held + " of " + managedCount + " target files for removal until the next cycle agrees"
          + " (more than maxDeletionFraction=" + config.maxDeletionFraction() + ")");
    }
    int written = 0;
    int removed = 0;
    try {
      for (Map.Entry<String, String> e : allowed.writes().entrySet()) {
        writer.write(e.getKey(), e.getValue());
        written++;
      }
      for (String name : allowed.removals()) {
        removed += writer.remove(name) ? 1 : 0;
      }
      writer.removeStaleTemps(STALE_TEMP_AGE);
    } catch (IOException | RuntimeException e) {
      log.error("writing targets in " + writer.dir() + " failed: " + e.getMessage());
      metrics.applied(plan.targetedNodes(), plan.untargetedNodes(), written, removed, held);
      return Outcome.FILES_FAILED;
    }
    metrics.applied(plan.targetedNodes(), plan.untargetedNodes(), written, removed, held);
    if (written + removed > 0) {
      log.info("targets: " + plan.targetedNodes() + " nodes, " + written + " files written, " + removed + " removed");
    }
    return Outcome.APPLIED;
  }
}
