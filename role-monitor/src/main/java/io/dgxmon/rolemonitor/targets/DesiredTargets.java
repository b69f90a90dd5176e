package io.dgxmon.rolemonitor.targets;

import io.dgxmon.rolemonitor.config.Exporter;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.config.MonitorConfig.AddressMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The target groups each node should have: one per enabled exporter for every node carrying a
 * watched role, labelled {@code job, cluster, hostname, category} plus the configured static labels.
 */
public final class DesiredTargets {
  private DesiredTargets() {}

  /** Hostname → its target groups, only for nodes with a watched role, sorted by hostname. */
  public static SortedMap<String, List<TargetGroup>> compute(List<NodeRoles> nodes, MonitorConfig config) {
    SortedMap<String, List<TargetGroup>> desired = new TreeMap<>();
    for (NodeRoles node : nodes) {
      if (!Collections.disjoint(node.roles(), config.roles())) {
        desired.put(node.device().hostname(), groups(node, config));
      }
    }
    return desired;
  }

  private static List<TargetGroup> groups(NodeRoles node, MonitorConfig config) {
    String host = node.device().hostname();
    // A node without an IP in cmsh still gets targets, by name, rather than silently none.
    String address = config.address() == AddressMode.IP && !node.device().ip().isEmpty() ? node.device().ip() : host;
    List<TargetGroup> groups = new ArrayList<>();
    for (Exporter exporter : config.enabledExporters()) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("job", exporter.job());
      labels.put("cluster", config.cluster());
      labels.put("hostname", host);
      labels.put("category", node.device().category());
      new TreeMap<>(config.labels()).forEach(labels::put);
      new TreeMap<>(exporter.labels()).forEach(labels::put);
      groups.add(new TargetGroup(List.of(address + ":" + exporter.port()), labels));
    }
    return groups;
  }
}
