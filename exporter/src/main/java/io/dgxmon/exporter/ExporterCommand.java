package io.dgxmon.exporter;

import static io.dgxmon.exporter.config.ConfigKeys.*;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.common.config.ConfigProblems;
import io.dgxmon.common.web.LiveWebConfig;
import io.dgxmon.common.web.WebConfigException;
import io.dgxmon.exporter.check.SelfCheck;
import io.dgxmon.exporter.config.ConfigFile;
import io.dgxmon.exporter.config.ConfigResolver;
import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.config.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-exporter: GPU (NVML) and Slurm cgroup metrics labelled with the owning job. */
@Command(
    name = "dgxmon-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    sortOptions = false,
    description = {
      "Serves Prometheus metrics for one DGX node, labelled with the Slurm job that owns each GPU and cgroup:",
      "  :9400  dcgm-exporter compatible DCGM_FI_* GPU metrics (NVML), hpc_job label",
      "  :9445  jobstats compatible nvidia_gpu_* metrics, jobid/userid labels",
      "  :9306  jobstats compatible cgroup_* metrics from Slurm job cgroups (v1 and v2), node energy",
      "Every option but --web.config.file can also be given in the --config JSON file under its name",
      "without '--'; a flag wins over the environment, which wins over the file. Exit codes: 143 on",
      "SIGTERM (a clean stop), 0 --check found the service would serve, 1 runtime failure such as a",
      "port that cannot be bound (systemd restarts), 2 bad configuration or usage (no restart)."
    })
public final class ExporterCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON file with any of the options below.")
  Path configFile;

  @Option(names = "--check", description = "Print what the service would see here (NVML and every GPU field,"
      + " cgroups, job files, listen ports) and exit: 0 it would start and serve, 1 it would not, 2 bad config."
      + " Writes no file.")
  boolean check;

  // No default on purpose: a command-line-only option, not a key of the --config file (see docs/Security.md).
  @Option(names = "--web.config.file", paramLabel = "FILE",
      description = "exporter-toolkit web config (YAML: TLS, client certificates, basic auth, headers) for all "
          + "three listeners; re-read when it or its certificate files change. See docs/Security.md.")
  Path webConfigFile;

  @Option(names = "--" + DCGM_LISTEN, paramLabel = "[HOST]:PORT|off", defaultValue = DCGM_LISTEN_DEFAULT,
      description = "dcgm-exporter compatible profile. Default: ${DEFAULT-VALUE}")
  String dcgmListen;

  @Option(names = "--" + GPU_LISTEN, paramLabel = "[HOST]:PORT|off", defaultValue = GPU_LISTEN_DEFAULT,
      description = "jobstats GPU profile (nvidia_gpu_*). Default: ${DEFAULT-VALUE}")
  String gpuListen;

  @Option(names = "--" + CGROUP_LISTEN, paramLabel = "[HOST]:PORT|off", defaultValue = CGROUP_LISTEN_DEFAULT,
      description = "jobstats cgroup profile (cgroup_*). Default: ${DEFAULT-VALUE}")
  String cgroupListen;

  @Option(names = "--" + CGROUP_ROOT, paramLabel = "DIR", defaultValue = CGROUP_ROOT_DEFAULT,
      description = "cgroup mount point (v1 or v2, detected). Default: ${DEFAULT-VALUE}")
  String cgroupRoot;

  @Option(names = "--" + FULL_SLURM, paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      defaultValue = FULL_SLURM_DEFAULT, description = "Also export step and task cgroups. Default: ${DEFAULT-VALUE}")
  String fullSlurm;

  @Option(names = "--" + HPC_JOB_MAPPING_DIR, paramLabel = "DIR", defaultValue = HPC_JOB_MAPPING_DIR_DEFAULT,
      description = "GPU to job map (dcgm-exporter format; env " + HPC_JOB_MAPPING_ENV + "). Default: ${DEFAULT-VALUE}")
  String hpcJobMappingDir;

  @Option(names = "--" + JOB_INFO_DIR, paramLabel = "DIR", defaultValue = JOB_INFO_DIR_DEFAULT,
      description = "Job info files written by the prolog. Default: ${DEFAULT-VALUE}")
  String jobInfoDir;

  @Option(names = "--" + GPUSTAT_DIR, paramLabel = "DIR|none", defaultValue = GPUSTAT_DIR_DEFAULT,
      description = "jobstats GPU ownership files (\"<jobid> <uid>\"). Default: ${DEFAULT-VALUE}")
  String gpustatDir;

  @Option(names = "--" + NVML_LIBRARY, paramLabel = "PATH", defaultValue = NVML_LIBRARY_DEFAULT,
      description = "NVML library to load. Default: ${DEFAULT-VALUE}")
  String nvmlLibrary;

  @Option(names = "--" + HOSTNAME, paramLabel = "NAME", defaultValue = HOSTNAME_DEFAULT,
      description = "Host name label value. Default: the machine's host name")
  String hostname;

  @Option(names = "--" + DCGM_HOSTNAME_LABEL, paramLabel = "Hostname|hostname",
      defaultValue = DCGM_HOSTNAME_LABEL_DEFAULT,
      description = "Name of the host name label on the dcgm profile. Default: ${DEFAULT-VALUE}")
  String dcgmHostnameLabel;

  @Option(names = "--" + NVML_TIMEOUT, paramLabel = "DURATION", defaultValue = NVML_TIMEOUT_DEFAULT,
      description = "Longest wait for NVML before the last good values are served. Default: ${DEFAULT-VALUE}")
  String nvmlTimeout;

  @Option(names = "--" + CGROUP_TIMEOUT, paramLabel = "DURATION", defaultValue = CGROUP_TIMEOUT_DEFAULT,
      description = "Longest wait for the cgroup tree before the last good values are served. "
          + "Default: ${DEFAULT-VALUE}")
  String cgroupTimeout;

  @Option(names = "--" + MAX_AGE, paramLabel = "DURATION", defaultValue = MAX_AGE_DEFAULT,
      description = "Scrapes within this age of a collection reuse it (0: never). Default: ${DEFAULT-VALUE}")
  String maxAge;

  @Option(names = "--" + MIG_MAP_FILE, paramLabel = "FILE", defaultValue = MIG_MAP_FILE_DEFAULT,
      description = "Where GPU and MIG UUIDs are published for the prolog. Default: ${DEFAULT-VALUE}")
  String migMapFile;

  @Option(names = "--" + KUBERNETES, paramLabel = "auto|on|off", defaultValue = KUBERNETES_DEFAULT,
      description = "pod/namespace/container labels on GPU series from the kubelet's pod-resources socket (auto: "
          + "when the socket exists). Default: ${DEFAULT-VALUE}")
  String kubernetes;

  @Option(names = "--" + KUBERNETES_SOCKET, paramLabel = "FILE", defaultValue = KUBERNETES_SOCKET_DEFAULT,
      description = "The kubelet's pod-resources socket. Default: ${DEFAULT-VALUE}")
  String kubernetesSocket;

  @Option(names = "--" + KUBERNETES_REFRESH, paramLabel = "DURATION", defaultValue = KUBERNETES_REFRESH_DEFAULT,
      description = "How often pod labels are refreshed in the background. Default: ${DEFAULT-VALUE}")
  String kubernetesRefresh;

  @Option(names = "--" + KUBERNETES_TIMEOUT, paramLabel = "DURATION", defaultValue = KUBERNETES_TIMEOUT_DEFAULT,
      description = "Deadline of one pod-resources call; the last good labels stay meanwhile. Default: ${DEFAULT-VALUE}")
  String kubernetesTimeout;

  @Option(names = "--" + KUBERNETES_RESOURCES, paramLabel = "NAME[,NAME]", defaultValue = KUBERNETES_RESOURCES_DEFAULT,
      description = "Resources whose devices are GPUs, besides nvidia.com/mig-*. Default: ${DEFAULT-VALUE}")
  String kubernetesResources;
  @Option(names = "--" + RAPL_ENABLED, paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      defaultValue = RAPL_ENABLED_DEFAULT,
      description = "CPU package and DRAM energy from RAPL (powercap) on the cgroup profile. Default: ${DEFAULT-VALUE}")
  String raplEnabled;

  @Option(names = "--" + SYSFS, paramLabel = "DIR", defaultValue = SYSFS_DEFAULT,
      description = "sysfs mount point (RAPL zones, online CPUs). Default: ${DEFAULT-VALUE}")
  String sysfs;

  @Option(names = "--" + IPMI_TOOL, paramLabel = "off|ipmitool|ipmi-dcmi", defaultValue = IPMI_TOOL_DEFAULT,
      description = "Program that reads the BMC's DCMI node power, in the background. Default: ${DEFAULT-VALUE}")
  String ipmiTool;

  @Option(names = "--" + IPMI_TOOL_PATH, paramLabel = "PATH", defaultValue = IPMI_TOOL_PATH_DEFAULT,
      description = "Absolute path of that program. Default: /usr/bin/ipmitool or /usr/sbin/ipmi-dcmi")
  String ipmiToolPath;

  @Option(names = "--" + IPMI_INTERVAL, paramLabel = "DURATION", defaultValue = IPMI_INTERVAL_DEFAULT,
      description = "Pause between two BMC power readings. Default: ${DEFAULT-VALUE}")
  String ipmiInterval;

  @Option(names = "--" + IPMI_TIMEOUT, paramLabel = "DURATION", defaultValue = IPMI_TIMEOUT_DEFAULT,
      description = "A BMC reading running longer is killed (not longer than the interval). Default: ${DEFAULT-VALUE}")
  String ipmiTimeout;

  public ExporterCommand() {
    this(System.getenv());
  }

  ExporterCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ExporterConfig config;
    try {
      config = resolveConfig();
    } catch (ConfigException e) {
      return configError(e.getMessage());
    }
    LiveWebConfig webConfig;
    try {
      webConfig = webConfigFile == null ? LiveWebConfig.none()
          : LiveWebConfig.load(webConfigFile, line -> log(err, line));
    } catch (WebConfigException e) {
      return configError("--web.config.file " + e.getMessage());
    }
    if (check) {
      String source = configFile == null ? "command line" : configFile.toString();
      return new SelfCheck(config, source).run(spec.commandLine().getOut());
    }
    ExporterServer server;
    try {
      server = ExporterServer.start(config, webConfig, line -> log(err, line));
    } catch (ExporterServer.ListenException e) {
      err.println("dgxmon-exporter: " + e.getMessage());
      err.flush();
      return ExitCodes.RUNTIME_FAILURE;
    }
    server.listening().forEach(line -> log(err, "listening on " + line));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "dgxmon-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /** A bad config or web config: one line on stderr (and a FAIL line for --check), exit 2, no restart by systemd. */
  private int configError(String message) {
    if (check) {
      spec.commandLine().getOut().println("FAIL config: " + message.replace('\n', ' '));
      spec.commandLine().getOut().flush();
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("dgxmon-exporter: " + message);
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * The configuration these parsed arguments describe (defaults, then file, then environment, then flags).
   *
   * @throws ConfigException naming every bad key, type and value of the file, the flags and the environment
   */
  ExporterConfig resolveConfig() throws ConfigException {
    Map<String, Setting> defaults = new HashMap<>();
    Map<String, Setting> flags = new HashMap<>();
    for (OptionSpec option : configOptions()) {
      String key = option.longestName().substring(2);
      defaults.put(key, new Setting(option.defaultValue(), "default of --" + key));
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        flags.put(key, new Setting(String.valueOf((Object) option.getValue()), "--" + key));
      }
    }
    ConfigProblems problems = new ConfigProblems();
    Map<String, Setting> file = configFile == null ? Map.of() : ConfigFile.read(configFile, configKeys(), problems);
    ExporterConfig config = ConfigResolver.resolve(ConfigResolver.layer(defaults, file, environment, flags), problems);
    problems.throwIfAny(configFile == null ? "command line" : configFile.toString());
    return config;
  }

  /** Parses {@code args} as the command line would and returns the configuration (for tests and tools). */
  public static ExporterConfig parseConfig(Map<String, String> environment, String... args) throws ConfigException {
    ExporterCommand command = new ExporterCommand(environment);
    new CommandLine(command).parseArgs(args);
    return command.resolveConfig();
  }

  private List<OptionSpec> configOptions() {
    return spec.options().stream()
        .filter(o -> o.longestName().startsWith("--") && o.defaultValue() != null)
        .toList();
  }

  private Set<String> configKeys() {
    Set<String> keys = new TreeSet<>();
    configOptions().forEach(o -> keys.add(o.longestName().substring(2)));
    return keys;
  }

  private static void log(PrintWriter err, String line) {
    synchronized (err) {
      err.println("dgxmon-exporter: " + line);
      err.flush();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ExporterCommand()).execute(args));
  }
}
