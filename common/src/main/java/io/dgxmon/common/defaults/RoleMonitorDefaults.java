package io.dgxmon.common.defaults;

/**
 * The role monitor's defaults and limits, read by the monitor itself and by the deployer that renders its config,
 * so the two can never disagree again (they once did: the deployer wrote a 60 s poll and a 30 s cmsh timeout while
 * the monitor defaulted to the opposite).
 */
public final class RoleMonitorDefaults {
  private RoleMonitorDefaults() {}

  /**
   * Seconds between cycles. A node that gains the role shows up in Prometheus within about this time (file_sd
   * notices a changed file at once), and one cmsh call per head node every 30 s is light for CMDaemon.
   */
  public static final int POLL_INTERVAL_SECONDS = 30;
  public static final int POLL_INTERVAL_MAX_SECONDS = 86_400;
  /**
   * Longest wait for one cmsh run. Longer than the poll interval on purpose: cycles never overlap (the wait starts
   * after a cycle ends), and a 10,000-node cluster's answer under a busy CMDaemon can take tens of seconds, which a
   * 30 s limit would turn into a failed cycle every time.
   */
  public static final int CMSH_TIMEOUT_SECONDS = 60;
  public static final int CMSH_TIMEOUT_MAX_SECONDS = 3_600;

  public static final String CMSH = "/cm/local/apps/cmd/bin/cmsh";
  public static final String ROLE = "slurmclient";
  public static final String TARGETS_DIR = "/cm/shared/apps/dgxmon/prometheus-targets";
  public static final String CLUSTER = "slurm";
  /** How targets are addressed: {@code hostname} or {@code ip}. */
  public static final String ADDRESS = "hostname";
}
