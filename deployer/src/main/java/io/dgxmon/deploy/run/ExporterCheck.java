package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.ExporterFiles;
import io.dgxmon.deploy.plan.Planner;
import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.util.List;

/**
 * verify's run of the installed exporter's {@code --check} on a node: the command line (the installed runtime and
 * jar, the unit's JavaCPP cache dir, the installed config) and the one line per node made of its output. Pure.
 *
 * @param verbose also print the whole output under the node's line
 */
public record ExporterCheck(String installDir, String configDir, boolean verbose) {
  /** The unit's {@code CacheDirectory=dgxmon}: NVML's JNI glue is already extracted there. */
  static final String CACHE_DIR = "/var/cache/dgxmon";
  static final String STEP = "exporter --check";

  /**
   * The remote command: as the service's own user ({@code setpriv}, started as root), so the check sees the devices,
   * files and ports exactly as the unit does and writes into the unit's cache dir as that user, never as root.
   * (A unit with {@code exporter.privileges: profiling} also has CAP_SYS_ADMIN; the check does not, so GPM may show
   * as a warning there.)
   */
  public String command(boolean sudo) {
    String java = String.join(" ", "setpriv", "--reuid=" + Planner.EXPORTER_USER, "--regid=" + Planner.EXPORTER_USER,
        "--init-groups", "--", RemoteCommands.q(ExporterFiles.java(installDir)),
        "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-Dorg.bytedeco.javacpp.cachedir=" + CACHE_DIR, "-jar", RemoteCommands.q(ExporterFiles.jar(installDir)),
        "--config", RemoteCommands.q(ExporterFiles.config(configDir)), "--check");
    return RemoteCommands.asRoot(java, sudo);
  }

  /** What one node's check said, in one line, and whether verify counts it as passed. */
  public record Outcome(boolean passed, String line) {}

  /**
   * {@code OK (8 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped)}, {@code OK with 1 warning (...); first: WARN ...},
   * {@code FAIL: listen: ...}, or, without a report (old exporter, no java), the exit status and the first line said
   * (picocli's and java's errors come before any usage text).
   */
  public static Outcome summarise(ExecResult result) {
    List<String> lines = result.stdout().lines().toList();
    String summary = lines.stream().filter(l -> l.startsWith("INFO summary: ")).findFirst()
        .map(l -> l.substring("INFO summary: ".length())).orElse(null);
    String fail = lines.stream().filter(l -> l.startsWith("FAIL ")).findFirst().orElse(null);
    List<String> warnings = lines.stream().filter(l -> l.startsWith("WARN ")).toList();
    if (fail != null) {
      return new Outcome(false, "FAIL: " + fail.substring(5).strip());
    }
    if (!result.ok() || summary == null) {
      return new Outcome(false, "FAIL: exit " + result.exitCode() + ", no report: " + result.reason());
    }
    if (warnings.isEmpty()) {
      return new Outcome(true, "OK (" + summary + ")");
    }
    return new Outcome(true, "OK with " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s")
        + " (" + summary + "); first: " + warnings.get(0));
  }
}
