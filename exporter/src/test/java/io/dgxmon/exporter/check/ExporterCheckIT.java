package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.exporter.gpu.ExporterProcess;
import io.dgxmon.testkit.nvml.NvmlScenario;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar's {@code --check} against the C NVML stub: what it reports, its exit codes, and that it writes
 * nothing.
 */
class ExporterCheckIT {
  static final Path JAR = Path.of("target/dgxmon-exporter.jar");
  static final String MIG_UUID = "MIG-aaaa0000-0000-0000-0000-000000000001";
  @TempDir static Path shared;
  @TempDir Path dir;
  static Path stub;

  @BeforeAll
  static void buildStub() {
    assertTrue(Files.isRegularFile(JAR), "run through mvn verify: the shaded jar " + JAR.toAbsolutePath());
    stub = NvmlStub.build(shared.resolve("stub"));
  }

  record Result(int exitCode, String output) {
    boolean has(String line) {
      return output.lines().anyMatch(line::equals);
    }
  }

  /** Written before any snapshot: writing it changes the directory's modification time. */
  @BeforeEach
  void scenario() {
    NvmlScenario.gpus(2).set(0, "gpm", 1).set(0, "gpm_graphics_util", 45.5)
        .mig(1, 0, 2, "3g.40gb", MIG_UUID, 13).writeTo(dir.resolve("scenario.txt"));
  }

  Result check(String... listen) throws IOException, InterruptedException {
    return checkWith(stub.toString(), listen);
  }

  Result checkWith(String nvmlLibrary, String... listen) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.bytedeco.javacpp.cachedir=" + shared.resolve("javacpp-cache"), "-jar", JAR.toString(), "--check",
        "--nvml.library", nvmlLibrary, "--path.cgroup.root", dir.resolve("cgroup").toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--mig-map-file", dir.resolve("run/mig-uuids").toString(), "--hostname", "node1"));
    command.addAll(List.of(listen));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(NvmlStub.SCENARIO_ENV, dir.resolve("scenario.txt").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    return new Result(process.exitValue(), output);
  }

  void jobFiles() throws IOException {
    Files.createDirectories(dir.resolve("map"));
    Files.writeString(dir.resolve("map/0"), "100\n");
    Files.writeString(dir.resolve("map/1.2"), "200\n");
    Files.writeString(dir.resolve("map/notes.txt"), "not a GPU\n");
    Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(dir.resolve("jobs/100"), "job_id=100\nuid=4242\nuser=alice\n");
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(dir.resolve("run/mig-uuids"), "GPU-stale 0\n");
    Path job = Files.createDirectories(dir.resolve("cgroup/system.slice/slurmstepd.scope/job_100"));
    Files.writeString(dir.resolve("cgroup/cgroup.controllers"), "cpu memory\n");
    Files.writeString(job.resolve("cpu.stat"), "usage_usec 1000\nuser_usec 600\nsystem_usec 400\n");
  }

  /** Every file and directory under {@code dir} but the scenario: path, size and modification time. */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> !p.endsWith("scenario.txt")).toList()) {
        files.put(dir.relativize(p).toString(), Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }

  @Test
  void reportsWhatTheServiceWouldSeeAndWritesNothing() throws Exception {
    jobFiles();
    Map<String, String> before = snapshot();
    Thread.sleep(20); // a write would show in the modification times
    Result r = check("--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address", "127.0.2.1:0",
        "--cgroup.listen-address", "off");
    assertEquals(ExitCodes.OK, r.exitCode(), r.output());
    assertEquals(before, snapshot(), "--check changed files:\n" + r.output());
    assertTrue(r.has("OK   nvml: " + stub + ": driver 550.144.03, NVML 12.550.144.03, 2 GPUs"), r.output());
    assertTrue(r.has("OK   gpu 0: " + NvmlScenario.uuid(0) + " \"NVIDIA H100 80GB HBM3\", PCI 00000000:18:00.0,"
        + " minor 0"), r.output());
    assertTrue(r.has("INFO gpu 0: POWER_MILLIWATTS 70123"), r.output());
    assertTrue(r.has("INFO gpu 0: FAN_SPEED_PERCENT not supported"), r.output());
    assertTrue(r.has("INFO gpu 0: GPM supported"), r.output());
    assertTrue(r.has("INFO gpu 0: GPM_GRAPHICS_UTIL_PERCENT 45.5"), r.output());
    assertTrue(r.has("INFO gpu 1: GPM not supported"), r.output());
    assertTrue(r.has("INFO gpu 1: MIG enabled, 1 GPU instance"), r.output());
    assertTrue(r.has("INFO gpu 1: MIG instance 1.2 3g.40gb " + MIG_UUID + ", memory used 13 of 40192 MiB"),
        r.output());
    assertTrue(r.has("INFO gpu 0: MIG disabled"), r.output());
    assertTrue(r.has("OK   cgroup: v2 at " + dir.resolve("cgroup") + "; Slurm directories:"
        + " system.slice/slurmstepd.scope"), r.output());
    assertTrue(r.has("INFO cgroup: 1 job cgroup: 100"), r.output());
    assertTrue(r.has("OK   job map: " + dir.resolve("map") + ": 2 files read: 2 jobs on 2 GPUs (0: 100; 1.2: 200)"),
        r.output());
    assertTrue(r.has("INFO job map: skips notes.txt: name is not <gpu> or <gpu>.<gpu instance>"), r.output());
    assertTrue(r.has("OK   job info: " + dir.resolve("jobs") + ": 1 file read: 1 job (100 alice)"), r.output());
    assertTrue(r.has("INFO mig map: " + dir.resolve("run/mig-uuids") + ": 1 lines (0 MIG);"
        + " the service would write 3 lines (1 MIG)"), r.output());
    assertTrue(r.has("INFO summary: 2 GPUs, driver 550.144.03, cgroup v2, 2 jobs mapped"), r.output());
    assertTrue(r.has("OK   result: the service would start and serve (0 warnings)"), r.output());
  }

  @Test
  void aPortHeldByAnotherProgramFailsAndOneHeldByTheExporterDoesNot() throws Exception {
    Path other = Files.createDirectories(dir.resolve("running"));
    NvmlScenario.gpus(1).writeTo(other.resolve("scenario.txt"));
    try (ServerSocket taken = new ServerSocket();
        ExporterProcess running = ExporterProcess.start(other, other.resolve("scenario.txt"), List.of("-Xmx64m"),
            JAR, List.of("--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address", "off",
                "--cgroup.listen-address", "off", "--nvml.library", stub.toString(),
                "--mig-map-file", other.resolve("mig-uuids").toString()), 1)) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.2.1"), 0));
      int exporterPort = running.port("dcgm");
      Result r = check("--dcgm.listen-address", "127.0.2.1:" + exporterPort,
          "--gpu.listen-address", "127.0.2.1:" + taken.getLocalPort(), "--cgroup.listen-address", "off");
      assertEquals(ExitCodes.RUNTIME_FAILURE, r.exitCode(), r.output());
      assertTrue(r.has("OK   listen: dcgm profile on 127.0.2.1:" + exporterPort
          + ": in use by a running dgxmon-exporter (answers /metrics)"), r.output());
      assertTrue(r.output().contains("FAIL listen: gpu profile on 127.0.2.1:" + taken.getLocalPort()
          + " cannot be bound: "), r.output());
      assertTrue(r.output().contains("FAIL result: the service would not start: listen: gpu profile"), r.output());
    }
  }

  @Test
  void aHungNvmlCallIsAWarningAfterTwiceTheTimeout() throws Exception {
    NvmlScenario.gpus(1).hang("nvmlDeviceGetPowerUsage", 60).writeTo(dir.resolve("scenario.txt"));
    long started = System.nanoTime();
    Result r = check("--nvml.timeout", "1s", "--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address", "off",
        "--cgroup.listen-address", "off");
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "bounded by the timeout");
    assertEquals(ExitCodes.OK, r.exitCode(), r.output());
    assertTrue(r.output().contains("WARN nvml: NVML did not answer within 2200 ms"), r.output());
  }

  @Test
  void withoutNvmlTheServiceStillServesSoTheCheckPasses() throws Exception {
    Result r = checkWith(dir.resolve("no/libnvidia-ml.so.1").toString(), "--dcgm.listen-address", "127.0.2.1:0",
        "--gpu.listen-address", "off", "--cgroup.listen-address", "off");
    assertEquals(ExitCodes.OK, r.exitCode(), r.output());
    assertTrue(r.output().contains("WARN nvml: NVML library " + dir.resolve("no/libnvidia-ml.so.1") + " not found"),
        r.output());
    assertTrue(r.has("INFO summary: no NVML, no cgroup root, 0 jobs mapped"), r.output());
  }
}
