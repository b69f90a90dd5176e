package io.dgxmon.exporter.gpu;

import io.dgxmon.testkit.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dgxmon-exporter in a child JVM (a crash in native code must not kill the test JVM), started from {@code jar} or
 * from the test classpath, stopped by PID when closed.
 */
public final class ExporterProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (\\w+) profile on .*:(\\d+)$");

  private final Process process;
  private final Path stderr;
  private final Map<String, Integer> ports = new TreeMap<>();
  public final long startedNanos;

  private ExporterProcess(Process process, Path stderr, long startedNanos) {
    this.process = process;
    this.stderr = stderr;
    this.startedNanos = startedNanos;
  }

  /** Starts the exporter with {@code args}, the NVML stub scenario {@code scenario}, and waits for its listeners. */
  public static ExporterProcess start(Path workDir, Path scenario, List<String> jvmFlags, Path jar, List<String> args,
      int listeners) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-Dorg.bytedeco.javacpp.cachedir=" + workDir.resolve("javacpp-cache"));
    if (jar != null) {
      command.addAll(List.of("-jar", jar.toString()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.dgxmon.exporter.ExporterCommand"));
    }
    command.addAll(args);
    Path stderr = Files.createTempFile(workDir, "exporter", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(stderr.toFile());
    builder.environment().put("DGXMON_NVML_STUB_SCENARIO", scenario.toString());
    long started = System.nanoTime();
    ExporterProcess exporter = new ExporterProcess(builder.start(), stderr, started);
    exporter.awaitListeners(listeners);
    return exporter;
  }

  private void awaitListeners(int count) {
    Await.until("the exporter to open " + count + " listeners (its log: " + stderr + ")", Duration.ofSeconds(60),
        () -> listenersSoFar(count), found -> found.size() >= count);
  }

  /** The listeners the log reports so far; an exporter that exited will never report more. */
  private Map<String, Integer> listenersSoFar(int expected) throws IOException {
    for (String line : log().split("\n")) {
      Matcher m = LISTENING.matcher(line.trim());
      if (m.find()) {
        ports.put(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    if (ports.size() < expected && !process.isAlive()) {
      throw new AssertionError("exporter exited with " + process.exitValue() + ":\n" + log());
    }
    return ports;
  }

  public int port(String profile) {
    return ports.get(profile);
  }

  /**
   * GET /metrics of {@code profile} ({@code dcgm}, {@code gpu}, {@code cgroup}). HttpURLConnection rather than
   * java.net.http.HttpClient: the latter added ~40 ms per request against the JDK HTTP server here.
   */
  public String scrape(String profile) throws IOException {
    HttpURLConnection connection = (HttpURLConnection)
        URI.create("http://127.0.2.1:" + port(profile) + "/metrics").toURL().openConnection();
    connection.setRequestProperty("Accept", "text/plain;version=0.0.4");
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(30_000);
    try (InputStream in = connection.getResponseCode() == 200 ? connection.getInputStream() : connection.getErrorStream()) {
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (connection.getResponseCode() != 200) {
        throw new AssertionError("HTTP " + connection.getResponseCode() + " from " + profile + ": " + body);
      }
      return body;
    }
  }

  public String log() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Sends SIGTERM and waits up to {@code seconds}; the exit code, or -1 if it is still running. */
  public int terminate(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
