package io.dgxmon.rolemonitor;

import io.dgxmon.rolemonitor.config.ConfigException;
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
    versionProvider = RoleMonitorCommand.Version.class,
    description = {
      "Runs on a BCM head node. Each cycle asks cmsh once for every node's effective roles (node, category,",
      "configuration overlays) and keeps one Prometheus file_sd JSON file per node carrying a watched role",
      "(default slurmclient) in the targets directory. A failed or unparsable cmsh answer changes no file.",
      "Exit codes: 0 ok (or stopped by SIGTERM: 143), 1 the --once cycle failed, 2 bad configuration."
    })
public final class RoleMonitorCommand implements Callable<Integer> {
  static final int EXIT_CYCLE_FAILED = 1;
  static final int EXIT_CONFIG = 2;
  private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/dgxmon/role-monitor.json",
      description = "JSON config (default: ${DEFAULT-VALUE}); see docs/Role-Monitor.md")
  Path config;

  @Option(names = "--web.config.file", paramLabel = "FILE",
      description = "exporter-toolkit web config (YAML: TLS, client certificates, basic auth, headers) for /metrics "
          + "and /targets; re-read when it or its certificate files change. See docs/Security.md.")
  Path webConfigFile;

  @Option(names = "--once", description = "Run one cycle and exit: 0 applied, 1 cmsh failed, 2 config error")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    EventLog log = new EventLog(spec.commandLine().getErr());
    MonitorConfig settings;
    try {
      settings = ConfigLoader.load(config);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("dgxmon-role-monitor: " + e.getMessage());
      return EXIT_CONFIG;
    }
    RoleMonitorDaemon daemon = new RoleMonitorDaemon(settings, log);
    if (once) {
      return daemon.runOnce();
    }
    LiveWebConfig webConfig;
    try {
      webConfig = webConfigFile == null ? LiveWebConfig.none() : LiveWebConfig.load(webConfigFile, log::info);
    } catch (WebConfigException e) {
      spec.commandLine().getErr().println("dgxmon-role-monitor: --web.config.file " + e.getMessage());
      return EXIT_CONFIG;
    }
    WebServer server;
    try {
      server = daemon.startMetrics(webConfig);
    } catch (IOException e) {
      spec.commandLine().getErr().println("dgxmon-role-monitor: cannot listen on metricsListenAddress "
          + settings.metricsListenAddress() + ": " + e.getMessage());
      return EXIT_CONFIG;
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
    return 0;
  }

  public static void main(String[] args) {
    int rc = new CommandLine(new RoleMonitorCommand()).execute(args);
    // During SIGTERM shutdown System.exit would block forever; the JVM is exiting (143) anyway.
    if (!SHUTTING_DOWN.get()) {
      System.exit(rc);
    }
  }

  /** Version from the jar manifest (set by the build). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RoleMonitorCommand.class.getPackage().getImplementationVersion();
      return new String[] {"dgxmon-role-monitor " + (v == null ? "dev" : v)};
    }
  }
}
