package io.dgxmon.rolemonitor.targets;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.CmshOutputParser;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One cycle's pure work: cmsh text → effective roles → desired target files → diff against the managed
 * files now on disk. No I/O, so it is what the benchmark times.
 */
public record TargetsPlan(
    ClusterSnapshot snapshot,
    List<NodeRoles> nodes,
    SortedMap<String, List<TargetGroup>> groupsByHost,
    TargetsDiff diff,
    int targetedNodes,
    int untargetedNodes,
    List<String> warnings) {

  public static TargetsPlan from(String cmshOutput, MonitorConfig config, Map<String, String> managedNow)
      throws CmshParseException {
    ClusterSnapshot snapshot = CmshOutputParser.parse(cmshOutput, config.nodeTypes());
    List<NodeRoles> nodes = EffectiveRoles.compute(snapshot, config.nodeTypes());
    SortedMap<String, List<TargetGroup>> groups = DesiredTargets.compute(nodes, config);
    SortedMap<String, String> files = new TreeMap<>();
    groups.forEach((host, g) -> files.put(host + ".json", TargetFileFormat.render(g)));
    return new TargetsPlan(snapshot, nodes, groups, TargetsDiff.between(files, managedNow), groups.size(),
        nodes.size() - groups.size(), snapshot.warnings());
  }

  /** Every target group of every node, for HTTP service discovery. */
  public List<TargetGroup> allGroups() {
    List<TargetGroup> all = new ArrayList<>();
    groupsByHost.values().forEach(all::addAll);
    return all;
  }
}
