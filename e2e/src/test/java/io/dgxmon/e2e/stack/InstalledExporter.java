package io.dgxmon.e2e.stack;

import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Daemon;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node's installed exporter, started from its installed unit's command line (runtime, jar, config) in the
 * node's namespace, with the listen addresses overridden (every node listens on the same ports, on its own 127.0.8.x
 * address, where a real node would listen on all of its addresses) and its BMC power reader pointed at the stack's
 * fake ipmitool (no BMC here; the deployer leaves {@code ipmi.tool} off).
 */
public final class InstalledExporter implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String node;
  private final List<String> endpoints;
  private final Daemon daemon;

  private InstalledExporter(String node, List<String> endpoints, Daemon daemon) {
    this.node = node;
    this.endpoints = endpoints;
    this.daemon = daemon;
  }

  /** Starts it; call {@link #awaitListening()} before scraping. */
  public static InstalledExporter start(StackLayout layout, Topology topology, String node) throws IOException {
    List<String> endpoints = topology.exporterEndpoints(node);
    List<String> command = new ArrayList<>(List.of(layout.nodeExec().toString(), node));
    command.addAll(InstalledUnit.command(layout.nodeRoot(node), "dgxmon-exporter.service"));
    command.addAll(List.of("--dcgm.listen-address", endpoints.get(0), "--gpu.listen-address", endpoints.get(1),
        "--cgroup.listen-address", endpoints.get(2),
        "--ipmi.tool", "ipmitool", "--ipmi.tool-path", layout.ipmitool().toString(), "--ipmi.interval", "1s",
        "--ipmi.timeout", "1s"));
    Daemon daemon = Daemon.start("exporter on " + node, command,
        Map.of(NvmlStub.SCENARIO_ENV, layout.nvmlScenario(node).toString()),
        layout.logs().resolve("exporter-" + node + ".log"));
    return new InstalledExporter(node, endpoints, daemon);
  }

  /** Waits until all three listeners answer /metrics; fails at once, with the exporter's log, if it exits. */
  public void awaitListening() {
    for (String endpoint : endpoints) {
      Await.until("exporter on " + node + " to answer http://" + endpoint + "/metrics (log: " + daemon.log() + ")",
          START_TIMEOUT, () -> answersWhileAlive(endpoint));
    }
  }

  private boolean answersWhileAlive(String endpoint) {
    if (answers(endpoint)) {
      return true;
    }
    if (!daemon.isAlive()) {
      throw new AssertionError("exporter on " + node + " exited; log:\n" + daemon.logTail());
    }
    return false;
  }

  public Path log() {
    return daemon.log();
  }

  @Override
  public void close() {
    daemon.close();
  }

  private static boolean answers(String endpoint) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the exporter", e);
    }
  }
}
