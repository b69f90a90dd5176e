package io.dgxmon.exporter.config;

import io.dgxmon.common.defaults.DefaultPorts;
import io.dgxmon.common.defaults.EnergyDefaults;

/**
 * The exporter's option names (a CLI flag is {@code --} + the key; the JSON config file uses the key itself) and
 * their defaults, as compile-time constants so the picocli annotations and the resolver share one spelling.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final String DCGM_LISTEN = "dcgm.listen-address";
  public static final String GPU_LISTEN = "gpu.listen-address";
  public static final String CGROUP_LISTEN = "cgroup.listen-address";
  public static final String CGROUP_ROOT = "path.cgroup.root";
  public static final String FULL_SLURM = "collect.fullslurm";
  public static final String HPC_JOB_MAPPING_DIR = "hpc-job-mapping-dir";
  public static final String JOB_INFO_DIR = "job-info-dir";
  public static final String GPUSTAT_DIR = "gpustat-dir";
  public static final String NVML_LIBRARY = "nvml.library";
  public static final String HOSTNAME = "hostname";
  public static final String DCGM_HOSTNAME_LABEL = "dcgm.hostname-label";
  public static final String NVML_TIMEOUT = "nvml.timeout";
  public static final String CGROUP_TIMEOUT = "cgroup.timeout";
  public static final String MAX_AGE = "collect.max-age";
  public static final String MIG_MAP_FILE = "mig-map-file";
  public static final String KUBERNETES = "kubernetes";
  public static final String KUBERNETES_SOCKET = "kubernetes.pod-resources-socket";
  public static final String KUBERNETES_REFRESH = "kubernetes.refresh-interval";
  public static final String KUBERNETES_TIMEOUT = "kubernetes.timeout";
  public static final String KUBERNETES_RESOURCES = "kubernetes.resource-names";
  public static final String RAPL_ENABLED = "rapl.enabled";
  public static final String SYSFS = "path.sysfs";
  public static final String IPMI_TOOL = "ipmi.tool";
  public static final String IPMI_TOOL_PATH = "ipmi.tool-path";
  public static final String IPMI_INTERVAL = "ipmi.interval";
  public static final String IPMI_TIMEOUT = "ipmi.timeout";

  /** dcgm-exporter's environment variable for the mapping directory; a flag still wins over it. */
  public static final String HPC_JOB_MAPPING_ENV = "DCGM_HPC_JOB_MAPPING_DIR";

  public static final String DCGM_LISTEN_DEFAULT = ":" + DefaultPorts.DCGM;
  public static final String GPU_LISTEN_DEFAULT = ":" + DefaultPorts.GPU;
  public static final String CGROUP_LISTEN_DEFAULT = ":" + DefaultPorts.CGROUP;
  public static final String CGROUP_ROOT_DEFAULT = "/sys/fs/cgroup";
  public static final String FULL_SLURM_DEFAULT = "false";
  public static final String HPC_JOB_MAPPING_DIR_DEFAULT = "/run/dcgm-job-map";
  public static final String JOB_INFO_DIR_DEFAULT = "/run/dgxmon/jobs";
  /** No gpustat directory unless one is configured. */
  public static final String GPUSTAT_DIR_DEFAULT = "none";
  public static final String NVML_LIBRARY_DEFAULT = "libnvidia-ml.so.1";
  /** Resolved to the machine's host name. */
  public static final String HOSTNAME_DEFAULT = "";
  public static final String DCGM_HOSTNAME_LABEL_DEFAULT = "Hostname";
  public static final String NVML_TIMEOUT_DEFAULT = "5s";
  public static final String CGROUP_TIMEOUT_DEFAULT = "10s";
  public static final String MAX_AGE_DEFAULT = "1s";
  public static final String MIG_MAP_FILE_DEFAULT = "/run/dgxmon/exporter/mig-uuids";
  public static final String KUBERNETES_DEFAULT = "auto";
  public static final String KUBERNETES_SOCKET_DEFAULT = "/var/lib/kubelet/pod-resources/kubelet.sock";
  public static final String KUBERNETES_REFRESH_DEFAULT = "10s";
  public static final String KUBERNETES_TIMEOUT_DEFAULT = "2s";
  /** dcgm-exporter's fixed resource name; {@code nvidia.com/mig-*} always counts too. */
  public static final String KUBERNETES_RESOURCES_DEFAULT = "nvidia.com/gpu";
  public static final String RAPL_ENABLED_DEFAULT = "true";
  public static final String SYSFS_DEFAULT = "/sys";
  /** No BMC reading unless a tool is chosen: /dev/ipmi0 needs a grant first (docs/Energy-Sources.md). */
  public static final String IPMI_TOOL_DEFAULT = "off";
  /** The chosen tool's usual path ({@code DcmiToolKind#defaultPath}). */
  public static final String IPMI_TOOL_PATH_DEFAULT = "";
  public static final String IPMI_INTERVAL_DEFAULT = EnergyDefaults.IPMI_INTERVAL;
  public static final String IPMI_TIMEOUT_DEFAULT = EnergyDefaults.IPMI_TIMEOUT;
}
