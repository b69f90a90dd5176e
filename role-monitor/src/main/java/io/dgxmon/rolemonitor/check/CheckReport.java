package io.dgxmon.rolemonitor.check;

import io.dgxmon.rolemonitor.cmsh.CmshRunner;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.targets.DeletionGuard;
import io.dgxmon.rolemonitor.targets.NodeRoles;
import io.dgxmon.rolemonitor.targets.TargetsDiff;
import io.dgxmon.rolemonitor.targets.TargetsPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The text {@code --check} prints: cmsh's version, devices per type, which nodes get targets and why,
 * what would be written or removed, and each assumption about cmsh with what was observed. Pure.
 *
 * @param plan the cycle's plan, or null when cmsh failed or its answer was refused ({@code failure} says why)
 * @param targetsDirExists whether the targets directory exists (a missing one would be created)
 * @param managedCount how many managed files the directory holds now
 * @param pendingRemovals removals an earlier cycle held back
 */
public record CheckReport(MonitorConfig config, CmshRunner.Run run, TargetsPlan plan, String failure,
    boolean targetsDirExists, int managedCount, Set<String> pendingRemovals) {

  public String text() {
    StringBuilder out = new StringBuilder("dgxmon-role-monitor --check: one cycle's cmsh query, nothing written\n");
    out.append("cmsh: exit status ").append(run.timedOut() ? "none (timed out)" : run.exitCode())
        .append(String.format(", %.2f s, %d bytes of answer%n", run.duration().toMillis() / 1000.0,
            run.stdout().length()));
    if (plan == null) {
      return out.append("result: the cycle would FAIL and change no file: ").append(failure).append('\n')
          .append("next: see docs/Troubleshooting.md (role monitor, --check); save the answer with --save-capture DIR\n")
          .toString();
    }
    out.append("cmsh version (main; versioninfo):\n");
    plan.snapshot().version().fields().forEach(f -> out.append("  ").append(f.getKey()).append(": ")
        .append(f.getValue()).append('\n'));
    out.append("devices seen: ").append(devicesByType()).append('\n');
    plan.warnings().forEach(w -> out.append("  warning: ").append(w).append('\n'));
    nodes(out);
    files(out);
    out.append("assumptions about cmsh:\n");
    Assumptions.of(run.exitCode(), plan.snapshot(), plan.nodes()).forEach(a -> out.append(a.line()).append('\n'));
    return out.append("result: the cycle would succeed (exit 0)\n").toString();
  }

  /** {@code HeadNode 1, PhysicalNode 5, Switch 1}. */
  private String devicesByType() {
    Map<String, Integer> byType = new TreeMap<>();
    plan.snapshot().devices().forEach(d -> byType.merge(d.type(), 1, Integer::sum));
    List<String> counts = new ArrayList<>();
    byType.forEach((type, count) -> counts.add(type + " " + count));
    return String.join(", ", counts);
  }

  private void nodes(StringBuilder out) {
    out.append("watched roles ").append(new java.util.TreeSet<>(config.roles())).append(" on node types ")
        .append(new java.util.TreeSet<>(config.nodeTypes())).append('\n');
    out.append("nodes that get targets (").append(plan.targetedNodes()).append(" of ").append(plan.nodes().size())
        .append("):\n");
    List<String> without = new ArrayList<>();
    for (NodeRoles node : plan.nodes()) {
      Device device = node.device();
      if (!plan.groupsByHost().containsKey(device.hostname())) {
        without.add(device.hostname());
        continue;
      }
      List<String> why = new ArrayList<>();
      node.grantedBy().forEach((role, sources) -> {
        if (config.roles().contains(role)) {
          why.add(role + " from " + String.join(" and ", sources));
        }
      });
      out.append("  ").append(device.hostname()).append(": ").append(String.join("; ", why)).append('\n');
    }
    out.append("nodes without a watched role: ")
        .append(without.isEmpty() ? "none" : Assumptions.first(without, 20)).append('\n');
  }

  private void files(StringBuilder out) {
    TargetsDiff diff = plan.diff();
    out.append("targets directory ").append(config.targetsDir())
        .append(targetsDirExists ? "" : " (missing; the cycle would create it)").append(":\n");
    Set<String> allowed = new DeletionGuard(config.maxDeletionFraction(), pendingRemovals)
        .allow(diff.removals(), managedCount);
    diff.writes().keySet().forEach(name -> out.append("  would write ").append(name).append('\n'));
    for (String name : diff.removals()) {
      out.append("  would ").append(allowed.contains(name) ? "remove " : "hold for removal (maxDeletionFraction) ")
          .append(name).append('\n');
    }
    out.append("  unchanged: ").append(diff.unchanged()).append(" file(s)\n");
  }
}
