package io.dgxmon.deploy.config;

import java.util.List;
import java.util.Map;

/** A validated deployment configuration: what to install where. Built only by {@link ConfigReader}. */
public record DeployConfig(
    String cluster,
    HeadNode headNode,
    Ssh ssh,
    Components components,
    Paths paths,
    Ports ports,
    RoleMonitor roleMonitor,
    Preflight preflight,
    List<NodeGroup> nodes,
    GrabImage grabImage,
    Prometheus prometheus) {

  /** SSH defaults for every host; a node group may override user and port. */
  public record Ssh(
      String user,
      int port,
      String identityFile,
      String knownHostsFile,
      int connectTimeoutSeconds,
      int commandTimeoutSeconds,
      int concurrency,
      boolean sudo) {}

  /** What to install. */
  public record Components(
      boolean exporter, boolean slurmScripts, boolean roleMonitor, boolean prometheusSample) {}

  /** Every path of DESIGN.md, as seen from inside a node (a target root is prepended at install time). */
  public record Paths(
      String installDir,
      String configDir,
      String unitDir,
      String jobMapDir,
      String jobInfoDir,
      String gpustatDir,
      String migMapFile,
      String cgroupRoot,
      String nvmlLibrary,
      String sharedSlurmDir,
      String localSlurmDir,
      String targetsDir) {}

  /** Listener ports; 0 turns an exporter listener off. */
  public record Ports(int dcgm, int gpu, int cgroup, int nodeExporter, int roleMonitor) {}

  /** The head node: role monitor, shared Slurm scripts, software images live there. */
  public record HeadNode(String host, String address, int port, String user, String targetRoot) {}

  /** One entry of {@code nodes}: hosts (expanded from BCM ranges) sharing an install root or a software image. */
  public record NodeGroup(
      List<String> hosts,
      String address,
      int port,
      String user,
      String targetRoot,
      String softwareImage,
      String arch) {}

  /** Settings of the role monitor's own config file. */
  public record RoleMonitor(
      String cmsh,
      List<String> roles,
      int pollIntervalSeconds,
      int cmshTimeoutSeconds,
      String address,
      Map<String, String> labels) {}

  /** How strict the per-node checks are. */
  public record Preflight(NvmlCheck nvml, int minFreeMiB) {}

  /** What a node without libnvidia-ml.so.1 means for the deployment. */
  public enum NvmlCheck {
    REQUIRE,
    WARN,
    SKIP;

    /**
     * The default of the config file and the wizard alike. Warn, not require: the exporter is built to run without
     * NVML (GPU collectors report success 0, cgroup metrics keep working), slurmclient nodes without GPUs are common
     * on BCM clusters, and the check only looks in the usual library directories, so a driver installed elsewhere
     * would fail a whole node. A cluster of GPU nodes only can choose {@code require}.
     */
    public static final NvmlCheck DEFAULT = WARN;
  }

  /** Optional image capture from a deployed node on the head node; a dry run unless {@code write}. */
  public record GrabImage(String fromNode, boolean write) {}

  /** Optional Prometheus used by {@code verify} to check {@code up}. */
  public record Prometheus(String url) {}

  public boolean hasHeadNode() {
    return headNode != null;
  }
}
