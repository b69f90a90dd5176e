package io.dgxmon.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code systemd-analyze verify} and {@code security} on our unit files.
 *
 * <p>verify refuses a unit whose ExecStart binary is missing ("Command /opt/dgxmon/runtime/bin/java is not
 * executable"), and only an installed node has the jlink'd runtime. So a unit is checked as a copy whose one change
 * is that path, pointed at the JVM running the test. verify exits 0 even for unknown keys or bad values (it only
 * prints warnings), so callers treat any output as a failure.
 */
public final class SystemdAnalyze {
  /** The java binary every dgxmon unit runs: the jlink'd runtime the deployer installs. */
  public static final String UNIT_JAVA = "/opt/dgxmon/runtime/bin/java";
  /**
   * The highest "overall exposure level" any dgxmon unit may have, static or rendered in any configuration (issue 13,
   * docs/Security-Privileges.md). systemd-analyze prints it with one decimal; a unit at 2.0 passes.
   */
  public static final double EXPOSURE_LIMIT = 2.0;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

  private SystemdAnalyze() {}

  /** Writes {@code unitText} to {@code dir/name} with the runtime's java replaced by this JVM's. */
  public static Path copyWithThisJava(String unitText, Path dir, String name) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    return Files.writeString(dir.resolve(name), unitText.replace(UNIT_JAVA, java.toString()));
  }

  /** {@code systemd-analyze verify UNIT}: exit code and everything it printed. */
  public static ProcessResult verify(Path unit) {
    return Processes.run(TIMEOUT, tool(), "verify", unit.toString());
  }

  /** The "overall exposure level" of {@code systemd-analyze security --offline=true UNIT} (0 best, 10 worst). */
  public static double exposure(Path unit) {
    ProcessResult result = Processes.run(TIMEOUT, tool(), "security", "--offline=true", "--no-pager", unit.toString());
    Matcher level = EXPOSURE.matcher(result.stdout());
    if (!level.find()) {
      throw new AssertionError("no exposure level in systemd-analyze security output: " + result);
    }
    return Double.parseDouble(level.group(1));
  }

  private static String tool() {
    return RequiredTool.require("systemd-analyze", "systemd").toString();
  }
}
