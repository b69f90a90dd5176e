package io.dgxmon.rolemonitor.config;

import io.dgxmon.common.defaults.RoleMonitorDefaults;
import io.dgxmon.common.net.ListenAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The role monitor's settings (docs/Role-Monitor.md lists every key). Role names and node types are
 * lower case, because cmsh compares them case-insensitively. {@code metricsListenAddress} is empty when off.
 */
public record MonitorConfig(
    List<String> cmsh,
    Set<String> roles,
    Set<String> nodeTypes,
    Path targetsDir,
    int pollIntervalSeconds,
    int cmshTimeoutSeconds,
    String cluster,
    AddressMode address,
    List<Exporter> exporters,
    Map<String, String> labels,
    Optional<ListenAddress> metricsListenAddress,
    double maxDeletionFraction) {

  public static final Path DEFAULT_TARGETS_DIR = Path.of(RoleMonitorDefaults.TARGETS_DIR);
  public static final String DEFAULT_CMSH = RoleMonitorDefaults.CMSH;

  public MonitorConfig {
    cmsh = List.copyOf(cmsh);
    roles = Set.copyOf(roles);
    nodeTypes = Set.copyOf(nodeTypes);
    exporters = List.copyOf(exporters);
    labels = Map.copyOf(labels);
  }

  /** How a target's address is formed: the node's hostname or its IP. */
  public enum AddressMode { HOSTNAME, IP }

  public List<Exporter> enabledExporters() {
    return exporters.stream().filter(Exporter::enabled).toList();
  }
}
