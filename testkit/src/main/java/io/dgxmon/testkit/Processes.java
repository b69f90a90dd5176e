package io.dgxmon.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command to completion under a timeout. Output goes to temporary files rather
 * than pipes, so a command that leaves a daemon behind holding its stdout cannot hang the caller.
 */
public final class Processes {
  private static final File DEV_NULL = new File("/dev/null");

  private Processes() {}

  public static ProcessResult run(Duration timeout, String... command) {
    return run(timeout, Map.of(), List.of(command));
  }

  public static ProcessResult run(Duration timeout, Map<String, String> extraEnv, List<String> command) {
    return run(timeout, extraEnv, command, null);
  }

  /** Like {@link #run(Duration, Map, List)}, feeding {@code stdin} (may be null: /dev/null) to the command. */
  public static ProcessResult run(
      Duration timeout, Map<String, String> extraEnv, List<String> command, String stdin) {
    Path out = null;
    Path err = null;
    Path in = null;
    try {
      out = Files.createTempFile("dgxmon-proc", ".out");
      err = Files.createTempFile("dgxmon-proc", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin == null) {
        builder.redirectInput(DEV_NULL);
      } else {
        in = Files.createTempFile("dgxmon-proc", ".in");
        Files.writeString(in, stdin);
        builder.redirectInput(in.toFile());
      }
      builder.environment().putAll(extraEnv);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process.toHandle(), Duration.ofSeconds(5));
        throw new IllegalStateException(
            "command timed out after " + timeout + " and was killed with its children: " + command
                + "\nstdout so far:\n" + read(out) + "\nstderr so far:\n" + read(err));
      }
      return new ProcessResult(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
      deleteQuietly(in);
    }
  }

  /** SIGKILLs a process and every descendant it still has, then waits up to {@code wait} for it. */
  static void killTree(ProcessHandle process, Duration wait) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // Best effort: the caller reports the timeout that brought us here.
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temp file must not mask the command's result.
    }
  }
}
