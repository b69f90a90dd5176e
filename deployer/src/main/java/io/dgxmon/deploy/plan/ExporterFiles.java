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
}
