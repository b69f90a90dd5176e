package io.dgxmon.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.config.ListenAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExporterCommandTest {
  @TempDir Path dir;
  final StringWriter err = new StringWriter();

  int run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new ExporterCommand(env));
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    ExporterConfig config = ExporterCommand.parseConfig(Map.of());
    assertEquals(ListenAddress.parse(":9400"), config.dcgmListenAddress());
    assertEquals(Optional.of(new ListenAddress("", 9445)), config.gpuListenAddress());
    assertEquals(Optional.of(new ListenAddress("", 9306)), config.cgroupListenAddress());
    assertEquals(Path.of("/sys/fs/cgroup"), config.cgroupRoot());
    assertEquals(false, config.collectFullSlurm());
    assertEquals(Path.of("/run/dcgm-job-map"), config.hpcJobMappingDir());
    assertEquals(Path.of("/run/dgxmon/jobs"), config.jobInfoDir());
    assertEquals(Optional.empty(), config.gpustatDir());
    assertEquals("libnvidia-ml.so.1", config.nvmlLibrary());
    assertTrue(!config.hostname().isEmpty());
    assertEquals("Hostname", config.dcgmHostnameLabel());
    assertEquals(Duration.ofSeconds(5), config.nvmlTimeout());
    assertEquals(Duration.ofSeconds(1), config.collectMaxAge());
    assertEquals(Path.of("/run/dgxmon/mig-uuids"), config.migMapFile());
  }

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, """
        {
          "cgroup.listen-address": "127.0.2.1:9306",
          "dcgm.listen-address": "off",
          "collect.fullslurm": true,
          "hpc-job-mapping-dir": "/from/file",
          "nvml.timeout": "2s",
          "gpustat-dir": "/run/gpustat",
          "hostname": "dgx-01"
        }
        """);
    ExporterConfig config = ExporterCommand.parseConfig(Map.of("DCGM_HPC_JOB_MAPPING_DIR", "/from/env"),
        "--config", file.toString(), "--nvml.timeout=750ms", "--collect.fullslurm=false",
        "--gpu.listen-address", "[::1]:0");

    assertEquals(Optional.of(new ListenAddress("127.0.2.1", 9306)), config.cgroupListenAddress());
    assertEquals(Optional.empty(), config.dcgmListenAddress());
    assertEquals(Optional.of(new ListenAddress("::1", 0)), config.gpuListenAddress());
    assertEquals(false, config.collectFullSlurm());
    assertEquals(Path.of("/from/env"), config.hpcJobMappingDir());
    assertEquals(Duration.ofMillis(750), config.nvmlTimeout());
    assertEquals(Optional.of(Path.of("/run/gpustat")), config.gpustatDir());
    assertEquals("dgx-01", config.hostname());
    assertEquals(Path.of("/flag"), ExporterCommand.parseConfig(Map.of("DCGM_HPC_JOB_MAPPING_DIR", "/env"),
        "--hpc-job-mapping-dir", "/flag").hpcJobMappingDir());
    assertEquals(true, ExporterCommand.parseConfig(Map.of(), "--collect.fullslurm").collectFullSlurm());
  }

  @Test
  void anUnknownKeyNamesTheNearestValidOne() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\n  \"nvml.timeout\": \"5s\",\n  \"cgroup.listen-adress\": \":9306\"\n}\n");
    assertEquals(2, run(Map.of(), "--config", file.toString()));
    assertEquals("dgxmon-exporter: " + file + " line 3 field 'cgroup.listen-adress': unknown key; "
        + "did you mean 'cgroup.listen-address'?\n", err.toString());
  }

  @Test
  void unparsableJsonNamesFileLineAndField() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\n  \"nvml.timeout\": \"5s\",\n  \"job-info-dir\": /run/x\n}\n");
    assertEquals(2, run(Map.of(), "--config", file.toString()));
    assertTrue(err.toString().startsWith("dgxmon-exporter: " + file + " line 3 field 'job-info-dir': invalid JSON: "),
        err.toString());
  }

  @Test
  void aBadValueNamesWhereItCameFrom() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\"collect.max-age\": \"soon\"}");
    assertEquals(2, run(Map.of(), "--config", file.toString()));
    assertEquals("dgxmon-exporter: " + file + " line 1 field 'collect.max-age': expected a duration such as "
        + "500ms, 5s or 1m, got 'soon'\n", err.toString());

    StringWriter flagErr = new StringWriter();
    CommandLine cli = new CommandLine(new ExporterCommand(Map.of()));
    cli.setErr(new PrintWriter(flagErr, true));
    assertEquals(2, cli.execute("--cgroup.listen-address", "9306"));
    assertEquals("dgxmon-exporter: --cgroup.listen-address: expected [host]:port or off, got '9306'\n",
        flagErr.toString());
  }

  @Test
  void aWrongTypeAndAMissingFileAreClear() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\"hostname\": [\"a\"]}");
    assertEquals(2, run(Map.of(), "--config", file.toString()));
    assertEquals("dgxmon-exporter: " + file + " line 1 field 'hostname': expected a string, number or boolean, "
        + "got an array\n", err.toString());
    assertEquals(2, run(Map.of(), "--config", dir.resolve("nope.json").toString()));
    assertTrue(err.toString().endsWith("dgxmon-exporter: " + dir.resolve("nope.json") + ": no such file\n"));
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertEquals(2, run(Map.of(), "--cgroup.listen-adress", ":1"));
    assertTrue(err.toString().startsWith("Unknown options: '--cgroup.listen-adress', ':1'\n"
        + "Possible solutions: --cgroup.listen-address"), err.toString());
  }

  @Test
  void aPortInUseIsOneLineNamingTheAddress() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.2.1"))) {
      String address = "127.0.2.1:" + taken.getLocalPort();
      int code = run(Map.of(), "--dcgm.listen-address", "off", "--gpu.listen-address", "off",
          "--cgroup.listen-address", address, "--path.cgroup.root", dir.toString());
      assertEquals(1, code);
      assertEquals(1, err.toString().lines().count(), err.toString());
      assertTrue(err.toString().startsWith("dgxmon-exporter: cannot listen on " + address
          + " (cgroup profile): address already in use"), err.toString());
    }
  }
}
