package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.exporter.ExporterCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --check}'s exit codes through the real command line: 2 bad config, 1 a port taken, 0 fine. The GPU
 * listeners are off so this JVM never loads NVML (the NVML path runs in {@code ExporterCheckIT}).
 */
class CheckExitCodeTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int check(String cgroupListen, String... more) {
    CommandLine cli = new CommandLine(new ExporterCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] base = {"--check", "--dcgm.listen-address", "off", "--gpu.listen-address", "off",
        "--cgroup.listen-address", cgroupListen, "--path.cgroup.root", dir.resolve("cgroup").toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--mig-map-file", dir.resolve("mig-uuids").toString()};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    return cli.execute(args);
  }

  @Test
  void badConfigIsTwoWithAFailLine() throws Exception {
    Path config = Files.writeString(dir.resolve("exporter.json"), "{\"nvml.timeout\": \"soon\"}");
    assertEquals(ExitCodes.USAGE, check("127.0.0.1:0", "--config", config.toString()));
    assertTrue(out.toString().startsWith("FAIL config: " + config), out.toString());
    assertTrue(out.toString().contains("nvml.timeout"), out.toString());
  }

  @Test
  void aPortHeldBySomethingElseIsOne() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertEquals(ExitCodes.RUNTIME_FAILURE, check("127.0.0.1:" + port));
      assertTrue(out.toString().contains("FAIL listen: cgroup profile on 127.0.0.1:" + port + " cannot be bound"),
          out.toString());
      assertTrue(out.toString().contains("FAIL result: the service would not start: listen: cgroup profile"),
          out.toString());
    }
  }

  @Test
  void aFreePortAndNoGpuListenersIsZero() {
    assertEquals(ExitCodes.OK, check("127.0.0.1:0"), out.toString());
    String text = out.toString();
    assertTrue(text.contains("INFO nvml: not loaded: the dcgm and gpu listeners are both off"), text);
    assertTrue(text.contains("WARN cgroup: cgroup root " + dir.resolve("cgroup") + " does not exist"), text);
    assertTrue(text.contains("INFO job map: " + dir.resolve("map") + " does not exist"), text);
    assertTrue(text.contains("OK   result: the service would start and serve (1 warning)"), text);
    assertTrue(Files.notExists(dir.resolve("map")) && Files.notExists(dir.resolve("mig-uuids")), "nothing created");
  }
}
