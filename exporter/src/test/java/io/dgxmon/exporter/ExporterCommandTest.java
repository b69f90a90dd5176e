package io.dgxmon.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.pods.PodsConfig;
import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.net.ListenAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  void defaultsAreTheDocumentedOnes() throws Exception {
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
    assertEquals(Path.of("/run/dgxmon/exporter/mig-uuids"), config.migMapFile());
    assertEquals(new PodsConfig(PodsConfig.Mode.AUTO, Path.of("/var/lib/kubelet/pod-resources/kubelet.sock"),
        Duration.ofSeconds(10), Duration.ofSeconds(2), List.of("nvidia.com/gpu")), config.kubernetes());
  }

  @Test
  void kubernetesSettingsAreChecked() throws Exception {
    ExporterConfig config = ExporterCommand.parseConfig(Map.of(), "--kubernetes", "off",
        "--kubernetes.resource-names", "nvidia.com/gpu, nvidia.com/gpu.shared");
    assertEquals(PodsConfig.Mode.OFF, config.kubernetes().mode());
    assertEquals(List.of("nvidia.com/gpu", "nvidia.com/gpu.shared"), config.kubernetes().resourceNames());
    assertEquals(ExitCodes.USAGE, run(Map.of(), "--check", "--kubernetes", "maybe",
        "--kubernetes.resource-names", "gpu"));
    assertTrue(err.toString().contains("--kubernetes: \"maybe\" is not auto, on or off"), err.toString());
    assertTrue(err.toString().contains("\"gpu\" is not a resource name"), err.toString());
  }

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
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
    assertEquals(ExitCodes.USAGE, run(Map.of(), "--config", file.toString()));
    assertEquals("dgxmon-exporter: " + file + ": 1 problem(s):\n"
        + "  cgroup.listen-adress: unknown key (did you mean \"cgroup.listen-address\"?)\n", err.toString());
  }

  @Test
  void unparsableJsonNamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\n  \"nvml.timeout\": \"5s\",\n  \"job-info-dir\": /run/x\n}\n");
    assertEquals(ExitCodes.USAGE, run(Map.of(), "--config", file.toString()));
    assertTrue(err.toString().startsWith("dgxmon-exporter: " + file + ": 1 problem(s):\n  line 3, column 19: "
        + "not valid JSON: "), err.toString());
  }

  @Test
  void aBadValueNamesWhereItCameFrom() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\"collect.max-age\": \"soon\"}");
    assertEquals(ExitCodes.USAGE, run(Map.of(), "--config", file.toString()));
    assertEquals("dgxmon-exporter: " + file + ": 1 problem(s):\n"
        + "  collect.max-age: \"soon\" is not a duration such as 500ms, 5s or 1m\n", err.toString());

    StringWriter flagErr = new StringWriter();
    CommandLine cli = new CommandLine(new ExporterCommand(Map.of()));
    cli.setErr(new PrintWriter(flagErr, true));
    assertEquals(ExitCodes.USAGE, cli.execute("--cgroup.listen-address", "9306"));
    assertEquals("dgxmon-exporter: command line: 1 problem(s):\n  --cgroup.listen-address: \"9306\" is not "
        + ListenAddress.EXPECTED + "\n", flagErr.toString());
  }

  @Test
  void everyProblemOfFileFlagsAndEnvironmentIsReportedAtOnce() throws IOException {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, """
        {"hostname": ["a"], "nvml.timeout": "0", "gpu.listen-address": ":99999", "gpustat": "/run/gpustat",
         "collect.fullslurm": 1}
        """);
    assertEquals(ExitCodes.USAGE, run(Map.of("DCGM_HPC_JOB_MAPPING_DIR", "/a\0b"), "--config", file.toString(),
        "--dcgm.hostname-label", "host"));
    assertEquals(List.of(
        "dgxmon-exporter: " + file + ": 7 problem(s):",
        "  hostname: expected a string, number or boolean, got [\"a\"]",
        "  gpustat: unknown key (did you mean \"gpustat-dir\"?)",
        "  gpu.listen-address: \":99999\" is not " + ListenAddress.EXPECTED,
        "  collect.fullslurm: \"1\" is not true or false",
        "  environment DCGM_HPC_JOB_MAPPING_DIR: \"/a\0b\" is not a path",
        "  --dcgm.hostname-label: \"host\" is not Hostname or hostname",
        "  nvml.timeout: \"0\" is not longer than 0"), err.toString().lines().toList());
  }

  @Test
  void aMissingFileIsClear() {
    assertEquals(ExitCodes.USAGE, run(Map.of(), "--config", dir.resolve("nope.json").toString()));
    assertEquals("dgxmon-exporter: " + dir.resolve("nope.json") + ": 1 problem(s):\n  no such file\n", err.toString());
  }

  @Test
  void versionComesFromTheSharedProvider() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ExporterCommand(Map.of()));
    cli.setOut(new PrintWriter(out, true));
    assertEquals(ExitCodes.OK, cli.execute("--version"));
    assertEquals("dgxmon-exporter dev\n", out.toString());
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertEquals(ExitCodes.USAGE, run(Map.of(), "--cgroup.listen-adress", ":1"));
    assertTrue(err.toString().startsWith("Unknown options: '--cgroup.listen-adress', ':1'\n"
        + "Possible solutions: --cgroup.listen-address"), err.toString());
  }

  @Test
  void aPortInUseIsOneLineNamingTheAddress() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.2.1"))) {
      String address = "127.0.2.1:" + taken.getLocalPort();
      int code = run(Map.of(), "--dcgm.listen-address", "off", "--gpu.listen-address", "off",
          "--cgroup.listen-address", address, "--path.cgroup.root", dir.toString());
      assertEquals(ExitCodes.RUNTIME_FAILURE, code, "worth a restart: the old process may still hold the port");
      assertEquals(1, err.toString().lines().count(), err.toString());
      assertTrue(err.toString().startsWith("dgxmon-exporter: cannot listen on " + address
          + " (cgroup profile): address already in use"), err.toString());
    }
  }
}
