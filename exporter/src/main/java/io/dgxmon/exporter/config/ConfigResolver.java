package io.dgxmon.exporter.config;

import static io.dgxmon.exporter.config.ConfigKeys.*;

import io.dgxmon.common.config.ConfigProblems;
import io.dgxmon.common.config.GoDuration;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.exporter.pods.PodsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns raw settings (every key present, each with its origin) into an {@link ExporterConfig}. Every bad value is
 * added to the problems under its origin ({@code --nvml.timeout}, {@code nvml.timeout}), so one run names them all.
 */
public final class ConfigResolver {
  private final Map<String, Setting> settings;
  private final ConfigProblems problems;

  private ConfigResolver(Map<String, Setting> settings, ConfigProblems problems) {
    this.settings = settings;
    this.problems = problems;
  }

  /**
   * Layers the sources: a flag wins over the environment, which wins over the config file, which wins over the
   * defaults. Each map is key → setting.
   */
  public static Map<String, Setting> layer(
      Map<String, Setting> defaults, Map<String, Setting> file, Map<String, String> env,
      Map<String, Setting> flags) {
    Map<String, Setting> merged = new HashMap<>(defaults);
    merged.putAll(file);
    String mappingEnv = env.get(HPC_JOB_MAPPING_ENV);
    if (mappingEnv != null && !mappingEnv.isEmpty()) {
      merged.put(HPC_JOB_MAPPING_DIR, new Setting(mappingEnv, "environment " + HPC_JOB_MAPPING_ENV));
    }
    merged.putAll(flags);
    return merged;
  }

  /** The config; meaningful only when {@code problems} is still empty afterwards. */
  public static ExporterConfig resolve(Map<String, Setting> settings, ConfigProblems problems) {
    ConfigResolver r = new ConfigResolver(settings, problems);
    return new ExporterConfig(
        r.listen(DCGM_LISTEN),
        r.listen(GPU_LISTEN),
        r.listen(CGROUP_LISTEN),
        r.path(CGROUP_ROOT),
        Boolean.TRUE.equals(r.convert(FULL_SLURM, ConfigResolver::bool)),
        r.path(HPC_JOB_MAPPING_DIR),
        r.path(JOB_INFO_DIR),
        r.optionalPath(GPUSTAT_DIR),
        r.convert(NVML_LIBRARY, ConfigResolver::nonEmpty),
        hostname(r.get(HOSTNAME)),
        r.convert(DCGM_HOSTNAME_LABEL, ConfigResolver::hostnameLabel),
        r.convert(NVML_TIMEOUT, ConfigResolver::positive),
        r.convert(CGROUP_TIMEOUT, ConfigResolver::positive),
        r.convert(MAX_AGE, GoDuration::parse),
        r.path(MIG_MAP_FILE),
        new PodsConfig(r.convert(KUBERNETES, ConfigResolver::podsMode), r.path(KUBERNETES_SOCKET),
            r.convert(KUBERNETES_REFRESH, ConfigResolver::positive), r.convert(KUBERNETES_TIMEOUT, ConfigResolver::positive),
            Objects.requireNonNullElse(r.convert(KUBERNETES_RESOURCES, ConfigResolver::resourceNames), List.of())),
        r.energy());
  }

  private EnergyConfig energy() {
    DcmiToolKind kind = get(IPMI_TOOL).value().trim().equals("off") ? null : convert(IPMI_TOOL, DcmiToolKind::parse);
    String toolPath = get(IPMI_TOOL_PATH).value().trim();
    Path program = toolPath.isEmpty() ? (kind == null ? null : Path.of(kind.defaultPath()))
        : convert(IPMI_TOOL_PATH, ConfigResolver::absoluteProgram);
    Optional<EnergyConfig.DcmiTool> tool = kind == null || program == null ? Optional.empty()
        : Optional.of(new EnergyConfig.DcmiTool(kind, program));
    Duration interval = convert(IPMI_INTERVAL, ConfigResolver::positive);
    Duration timeout = convert(IPMI_TIMEOUT, ConfigResolver::positive);
    if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
      problems.add(get(IPMI_TIMEOUT).origin(), "\"" + get(IPMI_TIMEOUT).value() + "\" is longer than "
          + IPMI_INTERVAL + " (" + get(IPMI_INTERVAL).value() + "): one BMC reading must end before the next starts");
    }
    return new EnergyConfig(Boolean.TRUE.equals(convert(RAPL_ENABLED, ConfigResolver::bool)), path(SYSFS), tool,
        interval, timeout);
  }

  /** An absolute, normalised program path: it is run without a shell or a PATH search. */
  private static Path absoluteProgram(String text) {
    Path path = toPath(text);
    if (!path.isAbsolute() || !path.normalize().equals(path) || text.endsWith("/")) {
      throw new IllegalArgumentException("\"" + text + "\" is not an absolute path to a program (such as "
          + DcmiToolKind.IPMITOOL.defaultPath() + ")");
    }
    return path;
  }

  private Setting get(String key) {
    Setting s = settings.get(key);
    if (s == null) {
      throw new IllegalStateException("no value for " + key);
    }
    return s;
  }

  /** The parsed value, or null after recording the parser's message under the setting's origin. */
  private <T> T convert(String key, Function<String, T> parser) {
    Setting setting = get(key);
    try {
      return parser.apply(setting.value());
    } catch (IllegalArgumentException e) {
      problems.add(setting.origin(), e.getMessage());
      return null;
    }
  }

  private Optional<ListenAddress> listen(String key) {
    Optional<ListenAddress> address = convert(key, ListenAddress::parse);
    return address == null ? Optional.empty() : address;
  }

  private Path path(String key) {
    return convert(key, ConfigResolver::toPath);
  }

  private Optional<Path> optionalPath(String key) {
    String text = get(key).value().trim();
    if (text.isEmpty() || text.equals("none") || text.equals("off")) {
      return Optional.empty();
    }
    return Optional.ofNullable(path(key));
  }

  private static Path toPath(String text) {
    if (text.isBlank() || text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("\"" + text + "\" is not a path");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a path");
    }
  }

  private static String nonEmpty(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return text;
  }

  private static Duration positive(String text) {
    Duration d = GoDuration.parse(text);
    if (d.isZero()) {
      throw new IllegalArgumentException("\"" + text + "\" is not longer than 0");
    }
    return d;
  }

  private static boolean bool(String text) {
    return switch (text.trim().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("\"" + text + "\" is not true or false");
    };
  }

  private static PodsConfig.Mode podsMode(String text) {
    return switch (text.trim()) {
      case "auto" -> PodsConfig.Mode.AUTO;
      case "on" -> PodsConfig.Mode.ON;
      case "off" -> PodsConfig.Mode.OFF;
      default -> throw new IllegalArgumentException("\"" + text + "\" is not auto, on or off");
    };
  }

  /** Comma-separated Kubernetes extended resource names such as {@code nvidia.com/gpu,nvidia.com/gpu.shared}. */
  private static List<String> resourceNames(String text) {
    List<String> names = Arrays.stream(text.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    for (String name : names) {
      if (!name.matches("[A-Za-z0-9][-A-Za-z0-9_.]*/[-A-Za-z0-9_.]+")) {
        throw new IllegalArgumentException("\"" + name + "\" is not a resource name such as nvidia.com/gpu");
      }
    }
    return names;
  }

  private static String hostnameLabel(String text) {
    if (!text.equals("Hostname") && !text.equals("hostname")) {
      throw new IllegalArgumentException("\"" + text + "\" is not Hostname or hostname");
    }
    return text;
  }

  private static String hostname(Setting setting) {
    String text = setting.value().trim();
    return text.isEmpty() ? machineHostname() : text;
  }

  /** The kernel's host name, as dcgm-exporter's os.Hostname() reports it (no DNS lookup). */
  static String machineHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "localhost";
      }
    }
  }
}
