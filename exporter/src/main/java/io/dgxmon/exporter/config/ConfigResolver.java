package io.dgxmon.exporter.config;

import static io.dgxmon.exporter.config.ConfigKeys.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Turns raw settings (every key present, each with its origin) into a validated {@link ExporterConfig}. */
public final class ConfigResolver {
  private ConfigResolver() {}

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

  /** @throws ConfigException naming the origin, the field and the bad value */
  public static ExporterConfig resolve(Map<String, Setting> settings) {
    Function<String, Setting> get = key -> {
      Setting s = settings.get(key);
      if (s == null) {
        throw new IllegalStateException("no value for " + key);
      }
      return s;
    };
    return new ExporterConfig(
        convert(get.apply(DCGM_LISTEN), ListenAddress::parse),
        convert(get.apply(GPU_LISTEN), ListenAddress::parse),
        convert(get.apply(CGROUP_LISTEN), ListenAddress::parse),
        path(get.apply(CGROUP_ROOT)),
        convert(get.apply(FULL_SLURM), ConfigResolver::bool),
        path(get.apply(HPC_JOB_MAPPING_DIR)),
        path(get.apply(JOB_INFO_DIR)),
        optionalPath(get.apply(GPUSTAT_DIR)),
        nonEmpty(get.apply(NVML_LIBRARY)),
        hostname(get.apply(HOSTNAME)),
        convert(get.apply(DCGM_HOSTNAME_LABEL), ConfigResolver::hostnameLabel),
        positive(get.apply(NVML_TIMEOUT)),
        positive(get.apply(CGROUP_TIMEOUT)),
        convert(get.apply(MAX_AGE), GoDuration::parse),
        path(get.apply(MIG_MAP_FILE)));
  }

  private static <T> T convert(Setting setting, Function<String, T> parser) {
    try {
      return parser.apply(setting.value());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.origin() + ": " + e.getMessage());
    }
  }

  private static Path path(Setting setting) {
    return convert(setting, text -> {
      if (text.isBlank() || text.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("expected a path, got '" + text + "'");
      }
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("expected a path, got '" + text + "'");
      }
    });
  }

  private static Optional<Path> optionalPath(Setting setting) {
    String text = setting.value().trim();
    if (text.isEmpty() || text.equals("none") || text.equals("off")) {
      return Optional.empty();
    }
    return Optional.of(path(setting));
  }

  private static String nonEmpty(Setting setting) {
    return convert(setting, text -> {
      if (text.isBlank()) {
        throw new IllegalArgumentException("must not be empty");
      }
      return text;
    });
  }

  private static Duration positive(Setting setting) {
    return convert(setting, text -> {
      Duration d = GoDuration.parse(text);
      if (d.isZero()) {
        throw new IllegalArgumentException("must be longer than 0, got '" + text + "'");
      }
      return d;
    });
  }

  private static boolean bool(String text) {
    return switch (text.trim().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    };
  }

  private static String hostnameLabel(String text) {
    if (!text.equals("Hostname") && !text.equals("hostname")) {
      throw new IllegalArgumentException("expected Hostname or hostname, got '" + text + "'");
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
