package io.dgxmon.common.defaults;

import java.util.List;

/**
 * The four exporters the role monitor writes into every node's targets by default, with the Prometheus job names
 * the jobstats and dcgm dashboards expect. The monitor starts from these; the deployer renders the same names.
 */
public final class BuiltInExporters {
  private BuiltInExporters() {}

  /** One built-in exporter: its key in the role monitor's {@code exporters}, default port and job name. */
  public record Exporter(String name, int port, String job) {}

  public static final Exporter NODE = new Exporter("node", DefaultPorts.NODE_EXPORTER, "node_exporter");
  public static final Exporter CGROUP = new Exporter("cgroup", DefaultPorts.CGROUP, "cgroup_exporter");
  public static final Exporter GPU = new Exporter("gpu", DefaultPorts.GPU, "gpu_exporter");
  public static final Exporter DCGM = new Exporter("dcgm", DefaultPorts.DCGM, "dcgm_exporter");

  /** In the order of the target file's groups. */
  public static final List<Exporter> ALL = List.of(NODE, CGROUP, GPU, DCGM);
}
