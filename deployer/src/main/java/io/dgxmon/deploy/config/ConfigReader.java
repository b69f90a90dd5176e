package io.dgxmon.deploy.config;

import static io.dgxmon.deploy.config.FieldRules.CONCURRENCY;
import static io.dgxmon.deploy.config.FieldRules.HOME_PATH;
import static io.dgxmon.deploy.config.FieldRules.PORT;
import static io.dgxmon.deploy.config.FieldRules.USER;

import io.dgxmon.common.config.ConfigException;
import io.dgxmon.common.config.JsonConfigFile;
import io.dgxmon.common.config.JsonFields;
import io.dgxmon.common.config.TargetLabels;
import io.dgxmon.common.defaults.RoleMonitorDefaults;
import io.dgxmon.deploy.config.DeployConfig.Components;
import io.dgxmon.deploy.config.DeployConfig.Exporter;
import io.dgxmon.deploy.config.DeployConfig.ExporterPrivileges;
import io.dgxmon.deploy.config.DeployConfig.GrabImage;
import io.dgxmon.deploy.config.DeployConfig.HeadNode;
import io.dgxmon.deploy.config.DeployConfig.NodeGroup;
import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import io.dgxmon.deploy.config.DeployConfig.Preflight;
import io.dgxmon.deploy.config.DeployConfig.Prometheus;
import io.dgxmon.deploy.config.DeployConfig.Provisioning;
import io.dgxmon.deploy.config.DeployConfig.RoleMonitor;
import io.dgxmon.deploy.config.DeployConfig.Ssh;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a deployment config through common's strict reader, reporting every problem (with its field
 * path) in one exception. Single-field rules live in {@link FieldRules}, shared with the wizard.
 */
public final class ConfigReader {
  /** Defaults the wizard offers too. */
  public static final String DEFAULT_SSH_USER = "root";
  public static final int DEFAULT_SSH_PORT = 22;
  public static final String DEFAULT_IDENTITY_FILE = "~/.ssh/id_ed25519";
  public static final String DEFAULT_KNOWN_HOSTS_FILE = "~/.ssh/known_hosts";
  public static final int DEFAULT_CONCURRENCY = 32;
  static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  static final Pattern LABEL_VALUE = Pattern.compile("[^\\x00-\\x1f\"\\\\]*");
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  /**
   * What systemd's IPAddressAllow= takes: an IPv4 address with an optional prefix length, the shape of an IPv6 one, or
   * one of its keywords. systemd only warns about an entry it cannot parse and drops it, which could leave the
   * exporter reachable from localhost alone, so the reader refuses what it can.
   */
  static final Pattern IP_ADDRESS_ALLOW = Pattern.compile(OCTET + "(\\." + OCTET + "){3}(/(3[0-2]|[12]?\\d))?"
      + "|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(/(12[0-8]|1[01]\\d|[1-9]?\\d))?|localhost|link-local|multicast");
  static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\[\\]:_-]+(/[A-Za-z0-9._~/-]*)?");

  private ConfigReader() {}

  public static DeployConfig read(Path file) throws ConfigException {
    return JsonConfigFile.read(file, ConfigReader::read);
  }

  public static DeployConfig parse(String source, String json) throws ConfigException {
    return JsonConfigFile.parse(source, json, ConfigReader::read);
  }

  private static DeployConfig read(JsonFields top) {
    String cluster = FieldRules.CLUSTER.read(top, "cluster", RoleMonitorDefaults.CLUSTER);
    Ssh ssh = ssh(top.object("ssh"), top);
    Components components = components(top.object("components"));
    var paths = PathsReader.read(top.object("paths"), top);
    var ports = PathsReader.ports(top.object("ports"), top);
    HeadNode head = headNode(top.object("headNode"), ssh);
    RoleMonitor roleMonitor = roleMonitor(top.object("roleMonitor"), top);
    Exporter exporter = exporter(top.object("exporter"), top);
    Preflight preflight = preflight(top.object("preflight"), top);
    List<NodeGroup> nodes = NodeGroupsReader.read(top, ssh);
    GrabImage grab = grabImage(top.object("grabImage"));
    Provisioning provisioning = provisioning(orEmpty(top.object("provisioning"), top, "provisioning"));
    Prometheus prometheus = prometheus(top.object("prometheus"));
    var config = new DeployConfig(cluster, head, ssh, components, paths, ports, roleMonitor, exporter, preflight, nodes,
        grab, provisioning, prometheus);
    CrossChecks.check(config, top.problems());
    return config;
  }

  private static JsonFields orEmpty(JsonFields f, JsonFields parent, String key) {
    return f != null ? f : JsonFields.empty(parent.fieldPath(key), parent.problems());
  }

  private static Ssh ssh(JsonFields f, JsonFields top) {
    f = orEmpty(f, top, "ssh");
    var ssh = new Ssh(
        USER.read(f, "user", DEFAULT_SSH_USER),
        PORT.read(f, "port", DEFAULT_SSH_PORT),
        HOME_PATH.read(f, "identityFile", DEFAULT_IDENTITY_FILE),
        HOME_PATH.read(f, "knownHostsFile", DEFAULT_KNOWN_HOSTS_FILE),
        f.integer("connectTimeoutSeconds", 10, 1, 3600),
        f.integer("commandTimeoutSeconds", 300, 1, 86400),
        CONCURRENCY.read(f, "concurrency", DEFAULT_CONCURRENCY),
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
    String host = FieldRules.HOST.read(f, "host", null);
    if (host == null) {
      f.problems().add(f.fieldPath("host"), "is required");
    }
    var head = new HeadNode(
        host,
        f.matching("address", host, HostRange.HOST_NAME, "a host name or IPv4 address"),
        PORT.read(f, "port", ssh.port()),
        USER.read(f, "user", ssh.user()),
        SafePaths.absolutePath(f, "targetRoot", "/"));
    f.finish();
    return head;
  }

  private static RoleMonitor roleMonitor(JsonFields f, JsonFields top) {
    f = orEmpty(f, top, "roleMonitor");
    var rm = new RoleMonitor(
        SafePaths.absolutePath(f, "cmsh", RoleMonitorDefaults.CMSH),
        f.strings("roles", List.of(RoleMonitorDefaults.ROLE), ROLE.asMatchPredicate(), "a BCM role name"),
        f.integer("pollIntervalSeconds", RoleMonitorDefaults.POLL_INTERVAL_SECONDS, 1,
            RoleMonitorDefaults.POLL_INTERVAL_MAX_SECONDS),
        f.integer("cmshTimeoutSeconds", RoleMonitorDefaults.CMSH_TIMEOUT_SECONDS, 1,
            RoleMonitorDefaults.CMSH_TIMEOUT_MAX_SECONDS),
        f.matching("address", RoleMonitorDefaults.ADDRESS, Pattern.compile("hostname|ip"), "\"hostname\" or \"ip\""),
        f.stringMap("labels", TargetLabels::isExtraLabel, TargetLabels.EXPECTED_EXTRA,
            LABEL_VALUE.asMatchPredicate(), "a valid label value"),
        WebConfigFiles.read(f, "webConfigFile"));
    f.finish();
    return rm;
  }

  private static Exporter exporter(JsonFields f, JsonFields top) {
    f = orEmpty(f, top, "exporter");
    String privileges = FieldRules.EXPORTER_PRIVILEGES.read(f, "privileges",
        ExporterPrivileges.DEFAULT.name().toLowerCase(Locale.ROOT));
    var e = new Exporter(ExporterPrivileges.valueOf(privileges.toUpperCase(Locale.ROOT)),
        f.strings("ipAddressAllow", List.of(), IP_ADDRESS_ALLOW.asMatchPredicate(),
            "an IP address or prefix (10.1.0.0/16, fd00::/8) or localhost/link-local/multicast"),
        WebConfigFiles.read(f, "webConfigFile"),
        ExporterSourcesReader.energy(orEmpty(f.object("energy"), f, "energy")),
        ExporterSourcesReader.kubernetes(orEmpty(f.object("kubernetes"), f, "kubernetes")));
    f.finish();
    return e;
  }

  private static Preflight preflight(JsonFields f, JsonFields top) {
    f = orEmpty(f, top, "preflight");
    String nvml = FieldRules.NVML_CHECK.read(f, "nvml", NvmlCheck.DEFAULT.name().toLowerCase(Locale.ROOT));
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

  private static Provisioning provisioning(JsonFields f) {
    var p = new Provisioning(f.bool("updateImages", false),
        f.integer("timeoutSeconds", Provisioning.DEFAULT_TIMEOUT_SECONDS, 1, 86400),
        f.integer("pollSeconds", Provisioning.DEFAULT_POLL_SECONDS, 1, 3600));
    f.finish();
    return p;
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
