package io.dgxmon.deploy.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated deployment configuration: what to install where. Built only by {@link ConfigReader}. */
public record DeployConfig(
    String cluster,
    HeadNode headNode,
    Ssh ssh,
    Components components,
    Paths paths,
    Ports ports,
    RoleMonitor roleMonitor,
    Exporter exporter,
    Preflight preflight,
    List<NodeGroup> nodes,
    GrabImage grabImage,
    Provisioning provisioning,
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
      List<String> categories,
      String arch) {}

  /** Settings of the role monitor's own config file. */
  public record RoleMonitor(
      String cmsh,
      List<String> roles,
      int pollIntervalSeconds,
      int cmshTimeoutSeconds,
      String address,
      Map<String, String> labels,
      WebConfigFile webConfig) {}

  /**
   * Settings of the exporter's systemd unit. {@code ipAddressAllow}: when not empty, only these addresses (and
   * localhost) may reach the exporter, through systemd's IPAddressAllow=; empty means no IP filter.
   */
  public record Exporter(ExporterPrivileges privileges, List<String> ipAddressAllow, WebConfigFile webConfig,
      ExporterEnergy energy, ExporterKubernetes kubernetes) {}

  /**
   * {@code exporter.energy}: the exporter's RAPL and BMC power sources (docs/Energy-Sources.md). An empty value is not
   * written into the exporter's config, which keeps the exporter's own default.
   */
  public record ExporterEnergy(Optional<Boolean> rapl, Optional<String> ipmiTool, Optional<String> ipmiToolPath,
      Optional<String> ipmiInterval, Optional<String> ipmiTimeout) {}

  /**
   * {@code exporter.kubernetes}: pod labels from the kubelet (docs/Kubernetes.md); empty values and an empty
   * {@code resourceNames} keep the exporter's defaults.
   */
  public record ExporterKubernetes(Optional<String> mode, Optional<String> podResourcesSocket,
      Optional<String> refreshInterval, Optional<String> timeout, List<String> resourceNames) {}

  /**
   * An exporter-toolkit web config (TLS, client certificates, basic auth) the admin wrote, read and validated on the
   * deploy machine ({@code source}) and copied byte for byte to the targets; {@link #NONE} when not configured. The
   * certificate, key and CA files it names are absolute paths that must already exist on the targets.
   */
  public record WebConfigFile(String source, String yaml) {
    public static final WebConfigFile NONE = new WebConfigFile("", "");

    public boolean isSet() {
      return !source.isEmpty();
    }
  }

  /** What the exporter's unit may do beyond the rights of its unprivileged user (docs/Security-Privileges.md). */
  public enum ExporterPrivileges {
    /** No capabilities: NVML, cgroups and the map files need none on a standard install. */
    MINIMAL,
    /** CAP_SYS_ADMIN, for GPM metrics where the driver restricts profiling to administrators. */
    PROFILING;

    public static final ExporterPrivileges DEFAULT = MINIMAL;
  }

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

  /**
   * After writing into software images: {@code updateprovisioners} and {@code imageupdate -w -c <category>} for the
   * images' categories when {@code updateImages}; and for these and {@code grabimage -w}, how long to wait for BCM to
   * finish provisioning and how often to ask.
   */
  public record Provisioning(boolean updateImages, int timeoutSeconds, int pollSeconds) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 1800;
    public static final int DEFAULT_POLL_SECONDS = 10;
  }

  /** Optional Prometheus used by {@code verify} to check {@code up}. */
  public record Prometheus(String url) {}

  public boolean hasHeadNode() {
    return headNode != null;
  }
}
