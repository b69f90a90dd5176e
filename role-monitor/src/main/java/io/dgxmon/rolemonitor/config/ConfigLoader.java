package io.dgxmon.rolemonitor.config;

import io.dgxmon.common.config.ConfigException;
import io.dgxmon.common.config.JsonConfigFile;
import io.dgxmon.common.config.JsonFields;
import io.dgxmon.common.config.TargetLabels;
import io.dgxmon.common.defaults.BuiltInExporters;
import io.dgxmon.common.defaults.DefaultPorts;
import io.dgxmon.common.defaults.RoleMonitorDefaults;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.rolemonitor.config.MonitorConfig.AddressMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the role monitor's JSON config through common's strict reader; every key is optional and has a default. */
public final class ConfigLoader {
  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_:.-]+");
  private static final Pattern NODE_TYPE = Pattern.compile("[A-Za-z]+");
  private static final List<Exporter> DEFAULT_EXPORTERS = BuiltInExporters.ALL.stream()
      .map(e -> new Exporter(e.name(), true, e.port(), e.job(), Map.of())).toList();

  private ConfigLoader() {}

  public static MonitorConfig defaults() {
    try {
      return parse("(defaults)", "{}");
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  public static MonitorConfig load(Path file) throws ConfigException {
    return JsonConfigFile.read(file, ConfigLoader::read);
  }

  static MonitorConfig parse(String source, String json) throws ConfigException {
    return JsonConfigFile.parse(source, json, ConfigLoader::read);
  }

  private static MonitorConfig read(JsonFields f) {
    String targetsDir = f.string("targetsDir", MonitorConfig.DEFAULT_TARGETS_DIR.toString(),
        s -> s.startsWith("/") && !s.contains("/../") && !s.endsWith("/..") && !s.contains("\0"),
        "an absolute directory path without '..'");
    return new MonitorConfig(
        f.oneOrMoreStrings("cmsh", List.of(MonitorConfig.DEFAULT_CMSH), s -> !s.isEmpty(),
            "a program path or argument (a list gives the program and its arguments)"),
        lowerSet(f.oneOrMoreStrings("roles", List.of(RoleMonitorDefaults.ROLE), ROLE.asMatchPredicate(),
            "a BCM role name such as slurmclient")),
        lowerSet(f.oneOrMoreStrings("nodeTypes", List.of("PhysicalNode"), NODE_TYPE.asMatchPredicate(),
            "a device type such as PhysicalNode or HeadNode")),
        Path.of(targetsDir),
        f.integer("pollIntervalSeconds", RoleMonitorDefaults.POLL_INTERVAL_SECONDS, 1,
            RoleMonitorDefaults.POLL_INTERVAL_MAX_SECONDS),
        f.integer("cmshTimeoutSeconds", RoleMonitorDefaults.CMSH_TIMEOUT_SECONDS, 1,
            RoleMonitorDefaults.CMSH_TIMEOUT_MAX_SECONDS),
        f.string("cluster", RoleMonitorDefaults.CLUSTER, s -> !s.isEmpty(), "a non-empty label value"),
        AddressMode.valueOf(f.matching("address", RoleMonitorDefaults.ADDRESS, Pattern.compile("hostname|ip"),
            "\"hostname\" or \"ip\"").toUpperCase(Locale.ROOT)),
        exporters(f),
        labels(f),
        ListenAddress.parse(f.string("metricsListenAddress", ":" + DefaultPorts.ROLE_MONITOR, ListenAddress::isValid,
            ListenAddress.EXPECTED)),
        f.number("maxDeletionFraction", 0.5, 0.0, 1.0));
  }

  private static Set<String> lowerSet(List<String> values) {
    return Set.copyOf(values.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
  }

  private static Map<String, String> labels(JsonFields f) {
    return f.stringMap("labels", TargetLabels::isExtraLabel, TargetLabels.EXPECTED_EXTRA, v -> true, "a string");
  }

  /** Defaults for node, cgroup, gpu and dcgm; a config may change, disable or add exporters by name. */
  private static List<Exporter> exporters(JsonFields f) {
    Map<String, Exporter> byName = new LinkedHashMap<>();
    DEFAULT_EXPORTERS.forEach(e -> byName.put(e.name(), e));
    JsonFields all = f.object("exporters");
    for (String name : all == null ? List.<String>of() : all.keys()) {
      JsonFields e = all.object(name);
      if (e != null) {
        exporter(e, name, byName.get(name)).ifPresent(x -> byName.put(name, x));
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** One entry of {@code exporters}: changes to a built-in one ({@code base}), or a new one (base null). */
  private static Optional<Exporter> exporter(JsonFields e, String name, Exporter base) {
    boolean complete = base != null || e.has("port") && e.has("job");
    if (!complete) {
      e.problems().add(e.path(), "a new exporter needs \"port\" and \"job\" (built in: node, cgroup, gpu, dcgm)");
    }
    Map<String, String> labels = labels(e);
    Exporter exporter = new Exporter(name,
        e.bool("enabled", base == null || base.enabled()),
        e.integer("port", base == null ? 0 : base.port(), 1, 65_535),
        e.matching("job", base == null ? "" : base.job(), TargetLabels.NAME, "a job name ([a-zA-Z_][a-zA-Z0-9_]*)"),
        e.has("labels") || base == null ? labels : base.labels());
    e.finish();
    return complete ? Optional.of(exporter) : Optional.empty();
  }
}
