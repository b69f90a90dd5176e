package io.dgxmon.deploy.plan;

/** Where the exporter's runtime, jar and config live on a node: one place for the planner and for verify. */
public final class ExporterFiles {
  private ExporterFiles() {}

  public static String runtimeDir(String installDir) {
    return installDir + "/runtime";
  }

  public static String java(String installDir) {
    return runtimeDir(installDir) + "/bin/java";
  }

  public static String jar(String installDir) {
    return installDir + "/lib/dgxmon-exporter.jar";
  }

  public static String config(String configDir) {
    return configDir + "/exporter.json";
  }

  /** Where the deployer installs exporter.webConfigFile (0600 root; the unit copies it for the service user). */
  public static String webConfig(String configDir) {
    return configDir + "/exporter-web.yml";
  }

  /** Where the role monitor's web config goes (0600 root: the role monitor runs as root and reads it there). */
  public static String roleMonitorWebConfig(String configDir) {
    return configDir + "/role-monitor-web.yml";
  }

  /**
   * The copy the exporter's unit makes at each start (ExecStartPre, 0640 root:dgxmon) and the exporter reads, in a
   * directory of root's: root never writes into /run/dgxmon/exporter, which the exporter's user owns
   * (docs/Security-Privileges.md, "/run layout").
   */
  public static final String RUNTIME_WEB_CONFIG_DIR = "/run/dgxmon/web";
  public static final String RUNTIME_WEB_CONFIG = RUNTIME_WEB_CONFIG_DIR + "/exporter-web.yml";

  /** Mode of an installed web config: root only (bcrypt hashes are secrets worth keeping). */
  public static final String WEB_CONFIG_MODE = "0600";
}
