package io.dgxmon.rolemonitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The exit codes systemd acts on, and the shared version line. */
class RoleMonitorCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cli = new CommandLine(new RoleMonitorCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  Path config(String metricsListenAddress) throws IOException {
    Path file = dir.resolve("role-monitor.json");
    Files.writeString(file, "{\"cmsh\": \"/bin/false\", \"targetsDir\": \"" + dir.resolve("targets")
        + "\", \"metricsListenAddress\": \"" + metricsListenAddress + "\"}");
    return file;
  }

  @Test
  void aMetricsPortInUseIsARuntimeFailureThatSystemdRestarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.4.9"))) {
      String address = "127.0.4.9:" + taken.getLocalPort();
      Path config = config(address);
      // Were the port free, the daemon would run until stopped: the timeout turns that into a failure.
      int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("--config", config.toString()));
      assertEquals(ExitCodes.RUNTIME_FAILURE, code, err.toString());
      assertTrue(err.toString().startsWith("dgxmon-role-monitor: cannot listen on metricsListenAddress " + address
          + ": "), err.toString());
    }
  }

  @Test
  void aBadConfigIsAUsageErrorNamingEveryProblem() throws IOException {
    Path config = config("9489");
    Files.writeString(config, Files.readString(config).replace("}", ", \"pollIntervalSecond\": 5}"));
    assertEquals(ExitCodes.USAGE, run("--config", config.toString(), "--once"));
    assertEquals("dgxmon-role-monitor: " + config + ": 2 problem(s):\n"
        + "  metricsListenAddress: \"9489\" is not [host]:port (IPv6 as [::1]:port, port 0-65535) or off\n"
        + "  pollIntervalSecond: unknown key (did you mean \"pollIntervalSeconds\"?)\n", err.toString());
  }

  @Test
  void aFailedOnceCycleIsARuntimeFailure() throws IOException {
    assertEquals(ExitCodes.RUNTIME_FAILURE, run("--config", config("off").toString(), "--once"), err.toString());
  }

  @Test
  void versionComesFromTheSharedProvider() {
    assertEquals(ExitCodes.OK, run("--version"));
    assertEquals("dgxmon-role-monitor dev\n", out.toString());
  }
}
