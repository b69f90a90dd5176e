package io.dgxmon.rolemonitor.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The role monitor's settings (docs/Role-Monitor.md lists every key). Role names and node types are
 * lower case, because cmsh compares them case-insensitively.
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
    ListenAddress metricsListenAddress,
    double maxDeletionFraction) {

  public static final Path DEFAULT_TARGETS_DIR = Path.of("/cm/shared/apps/dgxmon/prometheus-targets");
  public static final String DEFAULT_CMSH = "/cm/local/apps/cmd/bin/cmsh";

  public MonitorConfig {
    cmsh = List.copyOf(cmsh);
    roles = Set.copyOf(roles);
    nodeTypes = Set.copyOf(nodeTypes);
    exporters = List.copyOf(exporters);
    labels = Map.copyOf(labels);
  }

  /** How a target's address is formed: the node's hostname or its IP. */
  public enum AddressMode { HOSTNAME, IP }

  /** {@code [host]:port} for the self-metrics listener, or off (null host and port -1). */
  public record ListenAddress(String host, int port) {
    public static final ListenAddress OFF = new ListenAddress(null, -1);

    public boolean enabled() {
      return port >= 0;
    }
  }

  public List<Exporter> enabledExporters() {
    return exporters.stream().filter(Exporter::enabled).toList();
  }
}
