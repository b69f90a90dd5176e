package io.dgxmon.deploy.config;

import io.dgxmon.common.config.JsonFields;
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
        SafePaths.absolutePath(f, "targetsDir", "/cm/shared/apps/dgxmon/prometheus-targets"));
    f.finish();
    return p;
  }

  static Ports ports(JsonFields f, JsonFields top) {
    if (f == null) {
      f = JsonFields.empty(top.fieldPath("ports"), top.problems());
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
