package io.dgxmon.rolemonitor;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.rolemonitor.check.SelfCheck;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.daemon.EventLog;
import io.dgxmon.rolemonitor.daemon.RoleMonitorDaemon;
import io.dgxmon.common.web.LiveWebConfig;
import io.dgxmon.common.web.WebConfigException;
import io.dgxmon.common.web.WebServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-role-monitor: BCM role assignments (cmsh) to Prometheus file_sd targets. */
@Command(
    name = "dgxmon-role-monitor",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    description = {
      "Runs on a BCM head node. Each cycle asks cmsh once for every node's effective roles (node, category,",
      "configuration overlays) and keeps one Prometheus file_sd JSON file per node carrying a watched role",
      "(default slurmclient) in the targets directory. A failed or unparsable cmsh answer changes no file.",
      "Exit codes: 0 ok (or stopped by SIGTERM: 143), 1 runtime failure: the --once cycle failed or the metrics",
      "port cannot be bound (systemd restarts), 2 bad configuration or usage (no restart)."
    })
public final class RoleMonitorCommand implements Callable<Integer> {
  private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/dgxmon/role-monitor.json",
      description = "JSON config (default: ${DEFAULT-VALUE}); see docs/Role-Monitor.md")
  Path config;

  @Option(names = "--web.config.file", paramLabel = "FILE",
      description = "exporter-toolkit web config (YAML: TLS, client certificates, basic auth, headers) for /metrics "
          + "and /targets; re-read when it or its certificate files change. See docs/Security.md.")
  Path webConfigFile;

  @Option(names = "--once", description = "Run one cycle and exit: 0 applied, 1 cmsh failed or a target file could not be written"
      + " or removed, 2 config error")
  boolean once;

  @Option(names = "--check", description = "Run one cycle's cmsh query and print what it sees and would do;"
      + " writes nothing. Exit 0 if the cycle would succeed, 1 if not")
  boolean check;

  @Option(names = "--save-capture", paramLabel = "DIR", description = "Implies --check: also store the raw cmsh answer,"
      + " the report and expected.json in DIR (a parser regression test when copied to captures/)")
  Path saveCapture;

  @Override
  public Integer call() throws InterruptedException {
    EventLog log = new EventLog(spec.commandLine().getErr());
    MonitorConfig settings;
    try {
      settings = ConfigLoader.load(config);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("dgxmon-role-monitor: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    LiveWebConfig webConfig;
    try {
      webConfig = webConfigFile == null ? LiveWebConfig.none() : LiveWebConfig.load(webConfigFile, log::info);
    } catch (WebConfigException e) {
      spec.commandLine().getErr().println("dgxmon-role-monitor: --web.config.file " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (check || saveCapture != null) {
      return new SelfCheck(settings, spec.commandLine().getOut(), spec.commandLine().getErr()).run(saveCapture);
    }
    RoleMonitorDaemon daemon = new RoleMonitorDaemon(settings, log);
    if (once) {
      return daemon.runOnce();
    }
    WebServer server;
    try {
      server = daemon.startMetrics(webConfig);
    } catch (IOException e) {
      // A runtime failure, not a config error: the old process may still hold the port, so a restart can help.
      spec.commandLine().getErr().println("dgxmon-role-monitor: cannot listen on metricsListenAddress "
          + ListenAddress.text(settings.metricsListenAddress()) + ": " + e.getMessage());
      return ExitCodes.RUNTIME_FAILURE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      SHUTTING_DOWN.set(true);
      daemon.stop();
    }, "sigterm"));
    try {
      daemon.runUntilStopped();
    } finally {
      if (server != null) {
        server.close();
      }
    }
    return ExitCodes.OK;
  }

  public static void main(String[] args) {
    int rc = new CommandLine(new RoleMonitorCommand()).execute(args);
    // During SIGTERM shutdown System.exit would block forever; the JVM is exiting (143) anyway.
    if (!SHUTTING_DOWN.get()) {
      System.exit(rc);
    }
  }
}
