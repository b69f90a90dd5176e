package io.dgxmon.common.defaults;

/**
 * The default ports (DESIGN.md), known to the program that listens on one, the role monitor that writes it into
 * targets, and the deployer that renders both configs. Compile-time constants, so picocli annotations can use them.
 */
public final class DefaultPorts {
  private DefaultPorts() {}

  /** dcgm-exporter's port: the exporter's dcgm profile. */
  public static final int DCGM = 9400;
  /** jobstats' GPU exporter port: the exporter's gpu profile. */
  public static final int GPU = 9445;
  /** jobstats' cgroup exporter port: the exporter's cgroup profile. */
  public static final int CGROUP = 9306;
  /** node_exporter (not ours; the role monitor writes it into every node's targets). */
  public static final int NODE_EXPORTER = 9100;
  /** The role monitor's /metrics and /targets. */
  public static final int ROLE_MONITOR = 9489;
}
