package io.dgxmon.rolemonitor.targets;

import io.dgxmon.common.io.AtomicFile;
import io.dgxmon.rolemonitor.config.Exporter;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.config.MonitorConfig.AddressMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The target groups each node should have: one per enabled exporter for every node carrying a
 * watched role, labelled {@code job, cluster, hostname, category} plus the configured static labels.
 * A watched node whose hostname cannot name its file, or whose IP cell is not an IP address, is skipped (only
 * that node): {@link #skipped} says why, so the cycle can warn instead of failing every write.
 */
public final class DesiredTargets {
  private DesiredTargets() {}

  /** Hostname → its target groups, only for usable nodes with a watched role, sorted by hostname. */
  public static SortedMap<String, List<TargetGroup>> compute(List<NodeRoles> nodes, MonitorConfig config) {
    SortedMap<String, List<TargetGroup>> desired = new TreeMap<>();
    for (NodeRoles node : nodes) {
      if (watched(node, config) && skipReason(node, config).isEmpty()) {
        desired.put(node.device().hostname(), groups(node, config));
      }
    }
    return desired;
  }

  /** One warning per node with a watched role that {@link #compute} leaves out, saying why. */
  public static List<String> skipped(List<NodeRoles> nodes, MonitorConfig config) {
    List<String> warnings = new ArrayList<>();
    for (NodeRoles node : nodes) {
      if (watched(node, config)) {
        String host = node.device().hostname();
        skipReason(node, config).ifPresent(why -> warnings.add("skipped node " + host + ": " + why));
      }
    }
    return warnings;
  }

  private static boolean watched(NodeRoles node, MonitorConfig config) {
    return !Collections.disjoint(node.roles(), config.roles());
  }

  private static Optional<String> skipReason(NodeRoles node, MonitorConfig config) {
    String file = node.device().hostname() + ".json";
    if (!AtomicFile.canWrite(file)) {
      return Optional.of("the file name " + file + " (" + file.length() + " bytes) plus the writer's temp-file"
          + " prefix and suffix exceeds " + AtomicFile.NAME_MAX_BYTES + " bytes");
    }
    String ip = node.device().ip();
    if (config.address() == AddressMode.IP && !ip.isEmpty() && !IpLiteral.isIp(ip)) {
      return Optional.of("its IP cell \"" + ip + "\" is not an IPv4 or IPv6 address (address: ip)");
    }
    return Optional.empty();
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
      groups.add(new TargetGroup(List.of(IpLiteral.hostPort(address, exporter.port())), labels));
    }
    return groups;
  }
}
