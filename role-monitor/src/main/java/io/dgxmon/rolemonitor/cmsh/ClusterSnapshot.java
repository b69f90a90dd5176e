package io.dgxmon.rolemonitor.cmsh;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one cmsh run told us: devices, the roles listed per node (own, maybe also inherited),
 * per category, and the configuration overlays. Role names are lower case. {@code warnings} lists rows
 * that were skipped (e.g. a hostname that cannot be a file name).
 */
public record ClusterSnapshot(
    List<Device> devices,
    Map<String, Set<String>> nodeRoles,
    Map<String, Set<String>> categoryRoles,
    List<Overlay> overlays,
    List<String> warnings) {
  public ClusterSnapshot {
    devices = List.copyOf(devices);
    nodeRoles = Map.copyOf(nodeRoles);
    categoryRoles = Map.copyOf(categoryRoles);
    overlays = List.copyOf(overlays);
    warnings = List.copyOf(warnings);
  }
}
