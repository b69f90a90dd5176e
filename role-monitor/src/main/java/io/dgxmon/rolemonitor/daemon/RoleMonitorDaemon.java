package io.dgxmon.rolemonitor.daemon;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.common.web.HttpLimits;
import io.dgxmon.common.web.LandingPage;
import io.dgxmon.common.web.LiveWebConfig;
import io.dgxmon.common.web.MetricsEndpoint;
import io.dgxmon.common.web.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The long-running monitor: a cycle now, then one every {@code pollIntervalSeconds} ±10 % (so two head
 * nodes drift apart instead of hitting CMDaemon together), self-metrics and {@code /targets} on the
 * metrics listener, and a clean stop on SIGTERM.
 */
public final class RoleMonitorDaemon {
  private final MonitorConfig config;
  private final EventLog log;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final TargetsBody httpSd = new TargetsBody();
  private final MonitorCycle cycle;
  private volatile boolean stopping;
  private volatile Thread loopThread;

  public RoleMonitorDaemon(MonitorConfig config, EventLog log) {
    this(config, log, new FileSdWriter(config.targetsDir()));
  }

  public RoleMonitorDaemon(MonitorConfig config, EventLog log, FileSdWriter writer) {
    this.config = config;
    this.log = log;
    this.cycle = new MonitorCycle(config, writer, new MonitorMetrics(registry), log, httpSd);
  }

  /** One cycle; the {@code --once} exit code: 0 applied, 1 cmsh (or the targets directory) failed. */
  public int runOnce() throws InterruptedException {
    return cycle.run() == MonitorCycle.Outcome.APPLIED ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
  }

  /** Starts the metrics listener (unless off) without a web config; throws if it cannot bind. */
  public WebServer startMetrics() throws IOException {
    return startMetrics(LiveWebConfig.none());
  }

  /** Starts the metrics listener (unless off) with {@code webConfig}'s TLS, basic auth and headers. */
  public WebServer startMetrics(LiveWebConfig webConfig) throws IOException {
    if (config.metricsListenAddress().isEmpty()) {
      return null;
    }
    ListenAddress listen = config.metricsListenAddress().get();
    InetSocketAddress address = listen.bindsEveryAddress() ? new InetSocketAddress(listen.port())
        : new InetSocketAddress(listen.host(), listen.port());
    WebServer server = WebServer.start("role-monitor", address, Map.of(
        "/metrics", new MetricsEndpoint(registry),
        "/targets", new TargetsHandler(httpSd::json),
        "/", new LandingPage("dgxmon-role-monitor", List.of("/metrics", "/targets"))), webConfig, HttpLimits.DEFAULT);
    log.info("metrics and /targets on port " + server.port() + (server.tls() ? " (https)" : ""));
    return server;
  }

  /** Runs cycles until {@link #stop()}; each cycle's failure is logged and counted, never fatal. */
  public void runUntilStopped() {
    loopThread = Thread.currentThread();
    log.info("watching roles " + config.roles() + " on " + config.nodeTypes() + " every "
        + config.pollIntervalSeconds() + " s; targets in " + config.targetsDir());
    try {
      while (!stopping) {
        cycle.run();
        TimeUnit.MILLISECONDS.sleep(jitteredIntervalMillis());
      }
    } catch (InterruptedException e) {
      // stop() interrupts a sleep or a cmsh run (whose process tree is killed); fall through to exit.
    }
    log.info("stopped");
  }

  /** Called from the shutdown hook (SIGTERM): ends the loop and waits for it. */
  public void stop() {
    stopping = true;
    Thread thread = loopThread;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private long jitteredIntervalMillis() {
    double factor = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
    return Math.round(config.pollIntervalSeconds() * 1000 * factor);
  }
}
