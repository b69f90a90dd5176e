package io.dgxmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A long-running program a harness started in the foreground, its output in a log file. It is
 * stopped by PID (with whatever it forked that is still its descendant) on {@link #close()}, and by
 * a JVM shutdown hook if a test forgot to close it.
 */
public final class Daemon implements AutoCloseable {
  private static final Set<Daemon> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Duration GRACE = Duration.ofSeconds(5);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(d -> d.killTree()), "dgxmon-testkit-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private Daemon(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static Daemon start(String name, List<String> command, Map<String, String> env, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(env);
      Daemon daemon = new Daemon(name, builder.start(), log);
      RUNNING.add(daemon);
      return daemon;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** Waits for the program to exit by itself (e.g. after {@code scontrol shutdown}). */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last lines of the log, for error messages. */
  public String logTail() {
    return tail(log, 40);
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + file + ")";
    }
  }

  /** The last {@code lines} of every log file in {@code dir}, each under its name, for a failure message. */
  static String tails(Path dir, int lines) {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(dir)) {
      files.sorted().forEach(f -> text.append("\n--- ").append(f).append(" ---\n").append(tail(f, lines)));
    } catch (IOException e) {
      text.append("\n(no logs in ").append(dir).append(")");
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }

  /** SIGTERM, then after a grace period SIGKILL for it and the descendants it had. Never throws. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!awaitExit(GRACE)) {
      process.destroyForcibly();
      awaitExit(GRACE);
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    RUNNING.remove(this);
  }

  private void killTree() {
    Processes.killTree(process.toHandle(), Duration.ofSeconds(1));
  }
}
