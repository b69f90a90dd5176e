package io.dgxmon.rolemonitor.cmsh;

import java.util.List;
import java.util.Map;

/**
 * Everything one cmsh run told us: devices (those with a usable hostname), the roles listing of every
 * watched node and of every category, the configuration overlays and cmsh's version. {@code warnings}
 * lists rows that were skipped (e.g. a hostname that cannot be a file name).
 */
public record ClusterSnapshot(
    List<Device> devices,
    Map<String, RoleListing> nodeRoles,
    Map<String, RoleListing> categoryRoles,
    List<Overlay> overlays,
    VersionInfo version,
    List<String> warnings) {
  public ClusterSnapshot {
    devices = List.copyOf(devices);
    nodeRoles = Map.copyOf(nodeRoles);
    categoryRoles = Map.copyOf(categoryRoles);
    overlays = List.copyOf(overlays);
    warnings = List.copyOf(warnings);
  }
}
