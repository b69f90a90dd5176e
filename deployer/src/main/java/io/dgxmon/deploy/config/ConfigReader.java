package io.dgxmon.deploy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.common.config.ConfigProblems;
import io.dgxmon.common.config.JsonFields;
import io.dgxmon.deploy.config.DeployConfig.Components;
import io.dgxmon.deploy.config.DeployConfig.GrabImage;
import io.dgxmon.deploy.config.DeployConfig.HeadNode;
import io.dgxmon.deploy.config.DeployConfig.NodeGroup;
import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import io.dgxmon.deploy.config.DeployConfig.Preflight;
import io.dgxmon.deploy.config.DeployConfig.Prometheus;
import io.dgxmon.deploy.config.DeployConfig.RoleMonitor;
import io.dgxmon.deploy.config.DeployConfig.Ssh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates a deployment config, reporting every problem (with its field path) in one exception. */
public final class ConfigReader {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
  static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  static final Pattern LABEL_VALUE = Pattern.compile("[^\\x00-\\x1f\"\\\\]*");
  static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\[\\]:_-]+(/[A-Za-z0-9._~/-]*)?");
  static final Pattern HOME_PATH = Pattern.compile("(~/|/)[A-Za-z0-9._+@/-]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigReader() {}

  public static DeployConfig read(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
    }
    return parse(file.toString(), text);
  }

  public static DeployConfig parse(String source, String json) throws ConfigException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new ConfigException(source, List.of(where + ": not valid JSON: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(source, List.of("(top level): expected a JSON object"));
    }
    ConfigProblems problems = new ConfigProblems();
    DeployConfig config = read(new JsonFields(root, "", problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems.list());
    }
    return config;
  }

  private static DeployConfig read(JsonFields top) {
    String cluster = top.matching("cluster", "slurm", NAME, "a cluster name ([A-Za-z0-9_.-], at most 64)");
    Ssh ssh = ssh(top.object("ssh"), top);
    Components components = components(top.object("components"));
    var paths = PathsReader.read(top.object("paths"), top);
    var ports = PathsReader.ports(top.object("ports"), top);
    HeadNode head = headNode(top.object("headNode"), ssh);
    RoleMonitor roleMonitor = roleMonitor(top.object("roleMonitor"), top);
    Preflight preflight = preflight(top.object("preflight"), top);
    List<NodeGroup> nodes = NodeGroupsReader.read(top, ssh);
    GrabImage grab = grabImage(top.object("grabImage"));
    Prometheus prometheus = prometheus(top.object("prometheus"));
    top.finish();
    var config = new DeployConfig(
        cluster, head, ssh, components, paths, ports, roleMonitor, preflight, nodes, grab, prometheus);
    CrossChecks.check(config, top.problems());
    return config;
  }

  private static JsonFields orEmpty(JsonFields f, JsonFields parent, String key) {
    return f != null ? f : JsonFields.empty(parent.fieldPath(key), parent.problems());
  }

  private static Ssh ssh(JsonFields f, JsonFields top) {
    f = orEmpty(f, top, "ssh");
    var ssh = new Ssh(
        f.matching("user", "root", USER, "a user name"),
        f.integer("port", 22, 1, 65535),
        f.matching("identityFile", "~/.ssh/id_ed25519", HOME_PATH, "a path (absolute or ~/...)"),
        f.matching("knownHostsFile", "~/.ssh/known_hosts", HOME_PATH, "a path (absolute or ~/...)"),
        f.integer("connectTimeoutSeconds", 10, 1, 3600),
        f.integer("commandTimeoutSeconds", 300, 1, 86400),
        f.integer("concurrency", 32, 1, 1024),
        f.bool("sudo", true));
    f.finish();
    return ssh;
  }

  private static Components components(JsonFields f) {
    if (f == null) {
      return new Components(true, true, true, false);
    }
    var c = new Components(
        f.bool("exporter", true), f.bool("slurmScripts", true), f.bool("roleMonitor", true),
        f.bool("prometheusSample", false));
    f.finish();
    return c;
  }

  private static HeadNode headNode(JsonFields f, Ssh ssh) {
    if (f == null) {
      return null;
    }
    String host = f.matching("host", null, HostRange.HOST_NAME, "a host name");
    if (host == null) {
      f.problems().add(f.fieldPath("host"), "is required");
    }
    var head = new HeadNode(
        host,
        f.matching("address", host, HostRange.HOST_NAME, "a host name or IPv4 address"),
        f.integer("port", ssh.port(), 1, 65535),
        f.matching("user", ssh.user(), USER, "a user name"),
        SafePaths.absolutePath(f, "targetRoot", "/"));
    f.finish();
    return head;
  }

  private static RoleMonitor roleMonitor(JsonFields f, JsonFields top) {
    f = orEmpty(f, top, "roleMonitor");
    var rm = new RoleMonitor(
        SafePaths.absolutePath(f, "cmsh", "/cm/local/apps/cmd/bin/cmsh"),
        f.strings("roles", List.of("slurmclient"), ROLE.asMatchPredicate(), "a BCM role name"),
        f.integer("pollIntervalSeconds", 60, 1, 86400),
        f.integer("cmshTimeoutSeconds", 30, 1, 3600),
        f.matching("address", "hostname", Pattern.compile("hostname|ip"), "\"hostname\" or \"ip\""),
        f.stringMap("labels", LABEL_NAME.asMatchPredicate(), "a valid label name",
            LABEL_VALUE.asMatchPredicate(), "a valid label value"));
    f.finish();
    return rm;
  }

  private static Preflight preflight(JsonFields f, JsonFields top) {
    f = orEmpty(f, top, "preflight");
    String nvml = f.matching("nvml", "warn", Pattern.compile("require|warn|skip"), "\"require\", \"warn\" or \"skip\"");
    var p = new Preflight(NvmlCheck.valueOf(nvml.toUpperCase(Locale.ROOT)), f.integer("minFreeMiB", 256, 0, 1 << 20));
    f.finish();
    return p;
  }

  private static GrabImage grabImage(JsonFields f) {
    if (f == null) {
      return null;
    }
    String from = f.matching("fromNode", null, HostRange.HOST_NAME, "a node name");
    if (from == null) {
      f.problems().add(f.fieldPath("fromNode"), "is required");
    }
    var g = new GrabImage(from, f.bool("write", false));
    f.finish();
    return g;
  }

  private static Prometheus prometheus(JsonFields f) {
    if (f == null) {
      return new Prometheus("");
    }
    String url = f.string("url", "");
    if (!url.isEmpty() && !URL.matcher(url).matches()) {
      f.problems().add(f.fieldPath("url"), "\"" + url + "\" is not an http(s) URL");
      url = "";
    }
    f.finish();
    return new Prometheus(url);
  }

  /** Host names that appear twice across all groups. */
  static List<String> duplicates(List<NodeGroup> groups) {
    Set<String> seen = new HashSet<>();
    List<String> dups = new ArrayList<>();
    groups.forEach(g -> g.hosts().stream().filter(h -> !seen.add(h)).forEach(dups::add));
    return dups;
  }
}
