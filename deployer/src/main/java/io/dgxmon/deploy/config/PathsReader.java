package io.dgxmon.deploy.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.deploy.config.DeployConfig.Paths;
import io.dgxmon.deploy.config.DeployConfig.Ports;

/** Reads {@code paths} and {@code ports}; every default is DESIGN.md's. */
final class PathsReader {
  private PathsReader() {}

  static Paths read(JsonFields f, JsonFields top) {
    if (f == null) {
      f = new JsonFields(new ObjectMapper().createObjectNode(), top.fieldPath("paths"), top.problems());
    }
    var p = new Paths(
        f.absolutePath("installDir", "/opt/dgxmon"),
        f.absolutePath("configDir", "/etc/dgxmon"),
        f.absolutePath("unitDir", "/etc/systemd/system"),
        f.absolutePath("jobMapDir", "/run/dcgm-job-map"),
        f.absolutePath("jobInfoDir", "/run/dgxmon/jobs"),
        f.absolutePath("gpustatDir", ""),
        f.absolutePath("migMapFile", "/run/dgxmon/mig-map"),
        f.absolutePath("cgroupRoot", "/sys/fs/cgroup"),
        f.absolutePath("nvmlLibrary", ""),
        f.absolutePath("sharedSlurmDir", "/cm/shared/apps/slurm/var/cm"),
        f.absolutePath("localSlurmDir", "/cm/local/apps/slurm/var"),
        f.absolutePath("targetsDir", "/cm/shared/apps/dgxmon/prometheus-targets"));
    f.finish();
    return p;
  }

  static Ports ports(JsonFields f, JsonFields top) {
    if (f == null) {
      f = new JsonFields(new ObjectMapper().createObjectNode(), top.fieldPath("ports"), top.problems());
    }
    var p = new Ports(
        f.integer("dcgm", 9400, 0, 65535),
        f.integer("gpu", 9445, 0, 65535),
        f.integer("cgroup", 9306, 0, 65535),
        f.integer("nodeExporter", 9100, 1, 65535),
        f.integer("roleMonitor", 9489, 0, 65535));
    f.finish();
    return p;
  }
}
