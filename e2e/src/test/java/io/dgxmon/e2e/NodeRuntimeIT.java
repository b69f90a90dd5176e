package io.dgxmon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.e2e.stack.RepositoryRoot;
import io.dgxmon.e2e.stack.SetupScript;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Daemon;
import io.dgxmon.testkit.FreePorts;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.RequiredTool;
import io.dgxmon.testkit.TestCertificates;
import io.dgxmon.testkit.nvml.NvmlScenario;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java runtimes {@code ./setup.sh} builds for the nodes, as the deployer ships them: each node of the example
 * config gets the runtime of its architecture, the arm64 (Grace) one runs the exporter under user-mode emulation
 * (qemu-aarch64) against the NVML stub built for arm64, and the trimmed module set still serves TLS to a client that
 * offers only elliptic-curve groups, as Prometheus (Go) does.
 */
class NodeRuntimeIT {
  private static final Path TOP = RepositoryRoot.get();
  private static final Path JAR = TOP.resolve("exporter/target/dgxmon-exporter.jar");
  /** An emulated JVM starts in seconds on an idle machine; the CI machine is shared and slow. */
  private static final Duration EMULATED = Duration.ofMinutes(3);
  private static final int ELF_X86_64 = 62;
  private static final int ELF_AARCH64 = 183;

  @TempDir static Path shared;
  @TempDir Path dir;
  static String plan;

  /** The example config's dry run: builds the runtimes when missing or stale, and plans every node. */
  @BeforeAll
  static void dryRun() throws IOException {
    Path out = shared.resolve("plan");
    SetupScript.run(shared.resolve("setup.log"), "--config", TOP.resolve("configs/config.example.json").toString(),
        "--dry-run", "--output", out.toString())
        .assertSuccess("./setup.sh --config configs/config.example.json --dry-run");
    plan = Files.readString(out.resolve("plan.txt"));
  }

  @Test
  void eachNodeIsPlannedTheRuntimeOfItsArchitecture() throws IOException {
    assertEquals(ELF_X86_64, elfMachine(runtime("x86_64").resolve("lib/server/libjvm.so")));
    assertEquals(ELF_AARCH64, elfMachine(runtime("arm64").resolve("lib/server/libjvm.so")));
    assertTrue(section("dgx-01").contains(unpackLine("x86_64")), section("dgx-01"));
    assertTrue(section("dgx-gb-01").contains(unpackLine("arm64")), section("dgx-gb-01"));
  }

  @Test
  void theArm64RuntimeRunsTheExporterUnderEmulation() throws IOException {
    Path qemu = RequiredTool.require("qemu-aarch64-static", "qemu-user-static");
    // The JVM's own dependencies, from Debian's arm64 packages; qemu's -L / finds them and the aarch64 loader.
    RequiredTool.requireFile(Path.of("/usr/lib/aarch64-linux-gnu/libz.so.1"), "zlib1g:arm64");
    RequiredTool.requireFile(Path.of("/usr/lib/aarch64-linux-gnu/libstdc++.so.6"), "libstdc++6:arm64");
    List<String> java = List.of(qemu.toString(), "-L", "/", runtime("arm64").resolve("bin/java").toString());
    // Emulated, the first NVML call (JavaCPP unpacking and loading its libraries) takes far past the default 5 s.
    String nvmlTimeout = "60s";
    ProcessResult version = Processes.run(EMULATED, Map.of(), concat(java, List.of("-version")));
    version.assertSuccess("java -version under qemu-aarch64");
    assertTrue(version.stderr().contains("64-Bit Server VM"), version.stderr());

    Path stub = NvmlStub.buildArm64(dir.resolve("stub"));
    ProcessResult check = Processes.run(EMULATED, scenario(), concat(java, exporter(stub, "--check",
        "--nvml.timeout", nvmlTimeout, "--dcgm.listen-address", "127.0.0.1:0", "--cgroup.listen-address", "off")));
    assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
    assertTrue(check.stdout().contains("OK   nvml: " + stub + ": driver 550.144.03"), check.stdout());
    assertTrue(check.stdout().contains("OK   result: the service would start and serve"), check.stdout());

    int port = FreePorts.find();
    try (Daemon exporter = Daemon.start("arm64 exporter",
        concat(java, exporter(stub, "--nvml.timeout", nvmlTimeout, "--dcgm.listen-address", "127.0.0.1:" + port,
            "--cgroup.listen-address", "off")),
        scenario(),
        dir.resolve("exporter.log"))) {
      String metrics = Await.until("the emulated exporter's first scrape", EMULATED, Duration.ofSeconds(1),
          () -> scrape("http://127.0.0.1:" + port + "/metrics"), body -> body.contains("DCGM_FI_DEV_GPU_TEMP{"));
      // The scenario gives GPU i the temperature 30 + i.
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{")
          && l.contains("UUID=\"" + NvmlScenario.uuid(1) + "\"") && l.matches(".* 31(\\.0)?")), metrics);
    }
  }

  @Test
  void theTrimmedRuntimeServesTlsToAClientOfferingOnlyEllipticCurves() throws IOException {
    TestCertificates pki = TestCertificates.createCa(Files.createDirectories(dir.resolve("pki")), "ca");
    pki.server("ca", "server", "127.0.0.1");
    Path web = Files.writeString(dir.resolve("web.yml"), "tls_server_config:\n  cert_file: "
        + pki.cert("server") + "\n  key_file: " + pki.key("server") + "\n");
    int port = FreePorts.find();
    List<String> command = concat(List.of(runtime("x86_64").resolve("bin/java").toString()),
        exporter(dir.resolve("no-libnvidia-ml.so.1"), "--web.config.file", web.toString(),
            "--dcgm.listen-address", "off", "--cgroup.listen-address", "127.0.0.1:" + port));
    try (Daemon exporter = Daemon.start("exporter", command, Map.of(), dir.resolve("exporter.log"))) {
      Path curl = RequiredTool.require("curl", "curl");
      // Go's crypto/tls offers X25519 and the NIST curves, never the finite-field groups java.base alone has.
      ProcessResult scrape = Await.until("a TLS scrape", Duration.ofSeconds(60), Duration.ofMillis(250),
          () -> Processes.run(Duration.ofSeconds(20), curl.toString(), "-sS", "--curves", "X25519:P-256",
              "--cacert", pki.cert("ca").toString(), "https://127.0.0.1:" + port + "/metrics"),
          r -> r.succeeded() || !exporter.isAlive());
      String served = "dgxmon_scrape_collector_success{collector=\"cgroup\"}";
      assertTrue(scrape.succeeded() && scrape.stdout().contains(served), scrape + "\n" + exporter.logTail());
    }
  }

  /** The runtime tar the deployer would upload for {@code arch}, unpacked once. */
  private static Path runtime(String arch) {
    Path unpacked = shared.resolve("runtime-" + arch);
    if (!Files.isDirectory(unpacked)) {
      Path tar = TOP.resolve(".dgxmon-build/runtime-linux-" + arch + ".tar");
      assertTrue(Files.isRegularFile(tar), "./setup.sh built no " + tar);
      Path partial = shared.resolve("runtime-" + arch + ".partial");
      Processes.run(Duration.ofMinutes(1), "mkdir", "-p", partial.toString()).assertSuccess("mkdir");
      Processes.run(Duration.ofMinutes(2), "tar", "-xf", tar.toString(), "-C", partial.toString())
          .assertSuccess("tar -xf " + tar);
      Processes.run(Duration.ofMinutes(1), "mv", partial.toString(), unpacked.toString()).assertSuccess("mv");
    }
    return unpacked;
  }

  private static String unpackLine(String arch) throws IOException {
    Path tar = TOP.resolve(".dgxmon-build/runtime-linux-" + arch + ".tar");
    return "# unpack /opt/dgxmon/runtime/ from runtime-linux-" + arch + ".tar (" + Files.size(tar)
        + " bytes, sha256 " + Payload.sha256(Files.readAllBytes(tar)) + ")";
  }

  /** The plan of one target: from its "== name (" header to the next header. */
  private static String section(String target) {
    int start = plan.indexOf("\n== " + target + " (");
    assertTrue(start >= 0, "no plan for " + target);
    int end = plan.indexOf("\n== ", start + 1);
    return plan.substring(start, end < 0 ? plan.length() : end);
  }

  private static int elfMachine(Path file) throws IOException {
    byte[] header = Files.readAllBytes(file);
    assertTrue(header.length > 20 && header[0] == 0x7f && header[1] == 'E', file + " is not an ELF file");
    return (header[18] & 0xff) | (header[19] & 0xff) << 8;
  }

  /** The exporter's command line after the java command: everything in {@link #dir}, the gpu profile off. */
  private List<String> exporter(Path nvml, String... more) {
    List<String> args = new ArrayList<>(List.of("-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("javacpp"),
        "-jar", JAR.toString(), "--nvml.library", nvml.toString(),
        "--path.cgroup.root", dir.resolve("cgroup").toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--mig-map-file", dir.resolve("mig-uuids").toString(), "--gpustat-dir", "none", "--hostname", "node1",
        "--gpu.listen-address", "off"));
    args.addAll(List.of(more));
    return args;
  }

  private Map<String, String> scenario() {
    Path file = dir.resolve("scenario.txt");
    if (!Files.exists(file)) {
      NvmlScenario.gpus(2).writeTo(file);
    }
    return Map.of(NvmlStub.SCENARIO_ENV, file.toString());
  }

  private static String scrape(String url) {
    ProcessResult r = Processes.run(Duration.ofSeconds(20), "curl", "-sS", url);
    return r.succeeded() ? r.stdout() : "";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
