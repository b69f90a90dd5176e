package io.dgxmon.testkit.cmsh;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry points for tests: install an executable fake {@code cmsh} bound to a state file, list the
 * invocations it saw, or run cmsh commands in-process (benchmarks, unit tests).
 */
public final class CmshSimulator {
  private CmshSimulator() {}

  /** What one run printed and its exit code. */
  public record Result(String output, int exitCode) {}

  /**
   * Writes {@code dir/cmsh}, a shell script that runs {@link CmshMain} in a fresh JVM with this JVM's class
   * path, reading and writing {@code stateFile} (absolute path baked in; {@code $DGXMON_CMSH_STATE} overrides).
   */
  public static Path install(Path dir, Path stateFile) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script = "#!/bin/sh\n"
        + "# Fake cmsh (dgxmon test kit): see io.dgxmon.testkit.cmsh.CmshMain.\n"
        + "if [ -z \"${" + CmshMain.STATE_ENV + ":-}\" ]; then\n"
        + "  " + CmshMain.STATE_ENV + "=" + shellQuote(stateFile.toAbsolutePath().toString()) + "\n"
        + "fi\n"
        + "export " + CmshMain.STATE_ENV + "\n"
        + "exec " + shellQuote(java) + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "
        + shellQuote(System.getProperty("java.class.path")) + " " + CmshMain.class.getName() + " \"$@\"\n";
    try {
      Files.createDirectories(dir);
      Path cmsh = dir.resolve("cmsh");
      Files.writeString(cmsh, script);
      Files.setPosixFilePermissions(cmsh, PosixFilePermissions.fromString("rwxr-xr-x"));
      return cmsh;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code commands} (as after {@code cmsh -q -c}) against {@code state} without a process. */
  public static Result run(ClusterState state, String commands, boolean quitOnError) {
    CmshSession session = new CmshSession(state, quitOnError);
    session.runLine(commands);
    String output = state.noisyOutput ? OutputNoise.apply(session.output(), state.headHostname) : session.output();
    return new Result(output, session.exitCode());
  }

  /** The argument lists of every fake cmsh process started against {@code stateFile}, oldest first. */
  public static List<List<String>> invocations(Path stateFile) {
    Path log = callLog(stateFile);
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      List<List<String>> calls = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        calls.add(ClusterState.JSON.readValue(line, new TypeReference<List<String>>() {}));
      }
      return calls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void recordInvocation(Path stateFile, List<String> args) throws IOException {
    String line = ClusterState.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(args) + "\n";
    // One write with O_APPEND: concurrent fake cmsh processes never interleave within a line.
    Files.write(callLog(stateFile), line.getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  private static Path callLog(Path stateFile) {
    return stateFile.resolveSibling(stateFile.getFileName() + ".calls");
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
