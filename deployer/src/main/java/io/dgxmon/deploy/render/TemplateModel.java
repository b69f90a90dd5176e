package io.dgxmon.deploy.render;

import io.dgxmon.common.defaults.BuiltInExporters;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.deploy.plan.ExporterFiles;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The values the templates see, as plain maps (FreeMarker reads maps the same way on every version). */
public final class TemplateModel {
  private TemplateModel() {}

  /** The model for one target; {@code hostname} is empty for software images (shared by many nodes). */
  public static Map<String, Object> of(DeployConfig c, String hostname) {
    var p = c.paths();
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put("configDir", p.configDir());
    paths.put("unitDir", p.unitDir());
    paths.put("jobMapDir", p.jobMapDir());
    paths.put("jobInfoDir", p.jobInfoDir());
    paths.put("gpustatDir", p.gpustatDir());
    paths.put("migMapFile", p.migMapFile());
    paths.put("cgroupRoot", p.cgroupRoot());
    paths.put("nvmlLibrary", p.nvmlLibrary());
    paths.put("targetsDir", p.targetsDir());
    paths.put("sharedSlurmDir", p.sharedSlurmDir());

    Map<String, Object> listen = new LinkedHashMap<>();
    listen.put("dcgm", listenAddress(c.ports().dcgm()));
    listen.put("gpu", listenAddress(c.ports().gpu()));
    listen.put("cgroup", listenAddress(c.ports().cgroup()));
    listen.put("roleMonitor", listenAddress(c.ports().roleMonitor()));

    // The role monitor's built-in exporters (common BuiltInExporters); port 0 renders as disabled (absent = its default).
    Map<String, Object> exporters = new LinkedHashMap<>();
    exporters.put(BuiltInExporters.NODE.name(), exporter(BuiltInExporters.NODE, c.ports().nodeExporter()));
    exporters.put(BuiltInExporters.CGROUP.name(), exporter(BuiltInExporters.CGROUP, c.ports().cgroup()));
    exporters.put(BuiltInExporters.GPU.name(), exporter(BuiltInExporters.GPU, c.ports().gpu()));
    exporters.put(BuiltInExporters.DCGM.name(), exporter(BuiltInExporters.DCGM, c.ports().dcgm()));

    var rm = c.roleMonitor();
    Map<String, Object> roleMonitor = new LinkedHashMap<>();
    roleMonitor.put("cmsh", rm.cmsh());
    roleMonitor.put("roles", rm.roles());
    roleMonitor.put("pollIntervalSeconds", rm.pollIntervalSeconds());
    roleMonitor.put("cmshTimeoutSeconds", rm.cmshTimeoutSeconds());
    roleMonitor.put("address", rm.address());
    roleMonitor.put("labels", rm.labels());
    roleMonitor.put("webConfigFile",
        rm.webConfig().isSet() ? ExporterFiles.roleMonitorWebConfig(p.configDir()) : "");

    Map<String, Object> exporter = new LinkedHashMap<>();
    exporter.put("privileges", c.exporter().privileges().name().toLowerCase(Locale.ROOT));
    exporter.put("ipAddressAllow", c.exporter().ipAddressAllow());
    exporter.put("webConfigFile", c.exporter().webConfig().isSet() ? ExporterFiles.webConfig(p.configDir()) : "");
    exporter.put("runtimeWebConfigDir", ExporterFiles.RUNTIME_WEB_CONFIG_DIR);
    exporter.put("runtimeWebConfigFile", ExporterFiles.RUNTIME_WEB_CONFIG);
    exporter.put("settings", ExporterSettings.of(c.exporter()));

    Map<String, Object> model = new LinkedHashMap<>();
    model.put("cluster", c.cluster());
    model.put("hostname", hostname);
    model.put("installDir", p.installDir());
    model.put("prometheusUrl", c.prometheus().url());
    model.put("migMapDir", parent(p.migMapFile()));
    model.put("paths", paths);
    model.put("listen", listen);
    model.put("exporters", exporters);
    model.put("roleMonitor", roleMonitor);
    model.put("exporter", exporter);
    return model;
  }

  /** The deploy config's port 0 means "listener off"; a listen address's port 0 would mean "any free port". */
  private static String listenAddress(int port) {
    return ListenAddress.text(port == 0 ? Optional.empty() : Optional.of(ListenAddress.onPort(port)));
  }

  private static Map<String, Object> exporter(BuiltInExporters.Exporter builtIn, int port) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("job", builtIn.job());
    e.put("port", port);
    return e;
  }

  private static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }
}
