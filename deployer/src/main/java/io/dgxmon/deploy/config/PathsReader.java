package io.dgxmon.deploy.config;

import io.dgxmon.common.config.JsonFields;
import io.dgxmon.common.defaults.DefaultPorts;
import io.dgxmon.common.defaults.RoleMonitorDefaults;
import io.dgxmon.deploy.config.DeployConfig.Paths;
import io.dgxmon.deploy.config.DeployConfig.Ports;

/** Reads {@code paths} and {@code ports}; every default is DESIGN.md's. */
final class PathsReader {
  private PathsReader() {}

  static Paths read(JsonFields f, JsonFields top) {
    if (f == null) {
      f = JsonFields.empty(top.fieldPath("paths"), top.problems());
    }
    var p = new Paths(
        SafePaths.absolutePath(f, "installDir", "/opt/dgxmon"),
        SafePaths.absolutePath(f, "configDir", "/etc/dgxmon"),
        SafePaths.absolutePath(f, "unitDir", "/etc/systemd/system"),
        SafePaths.absolutePath(f, "jobMapDir", "/run/dcgm-job-map"),
        SafePaths.absolutePath(f, "jobInfoDir", "/run/dgxmon/jobs"),
        SafePaths.absolutePath(f, "gpustatDir", ""),
        SafePaths.absolutePath(f, "migMapFile", "/run/dgxmon/mig-uuids"),
        SafePaths.absolutePath(f, "cgroupRoot", "/sys/fs/cgroup"),
        SafePaths.absolutePath(f, "nvmlLibrary", ""),
        SafePaths.absolutePath(f, "sharedSlurmDir", "/cm/shared/apps/slurm/var/cm"),
        SafePaths.absolutePath(f, "localSlurmDir", "/cm/local/apps/slurm/var"),
        SafePaths.absolutePath(f, "targetsDir", RoleMonitorDefaults.TARGETS_DIR));
    f.finish();
    return p;
  }

  static Ports ports(JsonFields f, JsonFields top) {
    if (f == null) {
      f = JsonFields.empty(top.fieldPath("ports"), top.problems());
    }
    var p = new Ports(
        f.integer("dcgm", DefaultPorts.DCGM, 0, 65535),
        f.integer("gpu", DefaultPorts.GPU, 0, 65535),
        f.integer("cgroup", DefaultPorts.CGROUP, 0, 65535),
        f.integer("nodeExporter", DefaultPorts.NODE_EXPORTER, 1, 65535),
        f.integer("roleMonitor", DefaultPorts.ROLE_MONITOR, 0, 65535));
    f.finish();
    return p;
  }
}
