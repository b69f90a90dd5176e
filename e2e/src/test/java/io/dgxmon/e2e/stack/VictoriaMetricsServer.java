package io.dgxmon.e2e.stack;

import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Daemon;
import io.dgxmon.testkit.FreePorts;
import io.dgxmon.testkit.RequiredTool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's single-node VictoriaMetrics ({@code victoria-metrics}) on 127.0.0.1, as a second remote-write store: it
 * takes Prometheus remote write on {@code /api/v1/write} and answers the Prometheus query API (use {@link
 * PrometheusApi}). Data becomes visible after 1 s instead of its default 30 s ({@code -search.latencyOffset}).
 */
public final class VictoriaMetricsServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Daemon daemon;
  private final URI url;

  private VictoriaMetricsServer(Daemon daemon, URI url) {
    this.daemon = daemon;
    this.url = url;
  }

  public static VictoriaMetricsServer start(Path workDir) {
    Path binary = RequiredTool.require("victoria-metrics", "victoria-metrics");
    URI url = URI.create("http://127.0.0.1:" + FreePorts.find());
    Daemon daemon = Daemon.start("victoria-metrics", List.of(binary.toString(),
        "-httpListenAddr=" + url.getHost() + ":" + url.getPort(),
        "-storageDataPath=" + workDir.resolve("data"), "-search.latencyOffset=1s", "-search.disableCache"),
        Map.of(), workDir.resolve("victoria-metrics.log"));
    VictoriaMetricsServer server = new VictoriaMetricsServer(daemon, url);
    try {
      Await.until("victoria-metrics to answer " + url + "/health (log: " + daemon.log() + ")", START_TIMEOUT,
          server::healthy);
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  public URI url() {
    return url;
  }

  public URI remoteWriteUrl() {
    return url.resolve("/api/v1/write");
  }

  @Override
  public void close() {
    daemon.close();
  }

  private boolean healthy() {
    if (!daemon.isAlive()) {
      throw new IllegalStateException("victoria-metrics exited; log:\n" + daemon.logTail());
    }
    try {
      return HTTP.send(HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for victoria-metrics", e);
    }
  }
}
