package io.dgxmon.rolemonitor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.config.MonitorConfig.AddressMode;
import io.dgxmon.rolemonitor.config.MonitorConfig.ListenAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and validates the role monitor's JSON config; every key is optional and has a default. */
public final class ConfigLoader {
  private static final Set<String> KEYS = Set.of("cmsh", "roles", "nodeTypes", "targetsDir", "pollIntervalSeconds",
      "cmshTimeoutSeconds", "cluster", "address", "exporters", "labels", "metricsListenAddress", "maxDeletionFraction");
  private static final Set<String> EXPORTER_KEYS = Set.of("enabled", "port", "job", "labels");
  /** Labels the monitor sets itself; a config may not redefine them. */
  private static final Set<String> RESERVED_LABELS = Set.of("job", "cluster", "hostname", "category");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern LISTEN = Pattern.compile("(\\[[0-9a-fA-F:]+]|[A-Za-z0-9.-]*):(\\d{1,5})");
  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_:.-]+");
  private static final Pattern NODE_TYPE = Pattern.compile("[A-Za-z]+");
  private static final List<Exporter> DEFAULT_EXPORTERS = List.of(
      new Exporter("node", true, 9100, "node_exporter", Map.of()),
      new Exporter("cgroup", true, 9306, "cgroup_exporter", Map.of()),
      new Exporter("gpu", true, 9445, "gpu_exporter", Map.of()),
      new Exporter("dcgm", true, 9400, "dcgm_exporter", Map.of()));

  private ConfigLoader() {}

  public static MonitorConfig defaults() {
    try {
      return parse("(defaults)", new ObjectMapper().createObjectNode());
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  public static MonitorConfig load(Path file) throws ConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e);
    }
    if (root == null) {
      throw new ConfigException(file + ": empty file; expected a JSON object ({} for all defaults)");
    }
    return parse(file.toString(), root);
  }

  static MonitorConfig parse(String file, JsonNode root) throws ConfigException {
    JsonFields f = new JsonFields(file, "", root);
    f.rejectUnknown(KEYS);
    String targetsDir = f.string("targetsDir", MonitorConfig.DEFAULT_TARGETS_DIR.toString(),
        s -> s.startsWith("/") && !s.contains("/../") && !s.endsWith("/..") && !s.contains("\0"),
        "an absolute directory path without '..'");
    return new MonitorConfig(
        f.strings("cmsh", List.of(MonitorConfig.DEFAULT_CMSH), s -> !s.isEmpty(), "a program path or a list (program and arguments)"),
        lowerSet(f.strings("roles", List.of("slurmclient"), s -> ROLE.matcher(s).matches(), "BCM role names such as slurmclient")),
        lowerSet(f.strings("nodeTypes", List.of("PhysicalNode"), s -> NODE_TYPE.matcher(s).matches(), "device types such as PhysicalNode or HeadNode")),
        Path.of(targetsDir),
        f.integer("pollIntervalSeconds", 30, 1, 86_400),
        f.integer("cmshTimeoutSeconds", 60, 1, 3_600),
        f.string("cluster", "slurm", s -> !s.isEmpty(), "a non-empty label value"),
        AddressMode.valueOf(f.string("address", "hostname", s -> s.equals("hostname") || s.equals("ip"), "\"hostname\" or \"ip\"").toUpperCase(Locale.ROOT)),
        exporters(f),
        labels(f, "labels"),
        listen(f.string("metricsListenAddress", ":9489", ConfigLoader::validListen, "\"[host]:port\" (port 0-65535) or \"off\"")),
        f.number("maxDeletionFraction", 0.5, 0.0, 1.0));
  }

  private static Set<String> lowerSet(List<String> values) {
    return Set.copyOf(values.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
  }

  private static Map<String, String> labels(JsonFields f, String key) throws ConfigException {
    Map<String, String> labels = f.stringMap(key, k -> LABEL.matcher(k).matches() && !k.startsWith("__")
        && !RESERVED_LABELS.contains(k), "a Prometheus label name (not job/cluster/hostname/category, no leading __)");
    return labels;
  }

  /** Defaults for node, cgroup, gpu and dcgm; a config may change, disable or add exporters by name. */
  private static List<Exporter> exporters(JsonFields f) throws ConfigException {
    Map<String, Exporter> byName = new LinkedHashMap<>();
    DEFAULT_EXPORTERS.forEach(e -> byName.put(e.name(), e));
    if (!f.has("exporters")) {
      return List.copyOf(byName.values());
    }
    JsonFields all = f.child("exporters");
    for (String name : all.keys()) {
      JsonFields e = all.child(name);
      e.rejectUnknown(EXPORTER_KEYS);
      Exporter base = byName.get(name);
      if (base == null && (!e.has("port") || !e.has("job"))) {
        throw e.problem("a new exporter needs \"port\" and \"job\" (built in: node, cgroup, gpu, dcgm)");
      }
      byName.put(name, new Exporter(name,
          e.bool("enabled", base == null || base.enabled()),
          e.integer("port", base == null ? 0 : base.port(), 1, 65_535),
          e.string("job", base == null ? "" : base.job(), s -> LABEL.matcher(s).matches(), "a job name ([a-zA-Z_][a-zA-Z0-9_]*)"),
          e.has("labels") ? labels(e, "labels") : base == null ? Map.of() : base.labels()));
    }
    return new ArrayList<>(byName.values());
  }

  private static boolean validListen(String value) {
    Matcher m = LISTEN.matcher(value);
    return value.equals("off") || m.matches() && Integer.parseInt(m.group(2)) <= 65_535;
  }

  private static ListenAddress listen(String value) {
    if (value.equals("off")) {
      return ListenAddress.OFF;
    }
    Matcher m = LISTEN.matcher(value);
    if (!m.matches()) {
      throw new IllegalStateException(value);
    }
    String host = m.group(1).replace("[", "").replace("]", "");
    return new ListenAddress(host.isEmpty() ? null : host, Integer.parseInt(m.group(2)));
  }
}
