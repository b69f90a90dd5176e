package io.dgxmon.exporter.bench;

import io.dgxmon.exporter.gpu.ExporterProcess;
import io.dgxmon.testkit.kubelet.FakeKubelet;
import io.dgxmon.testkit.kubelet.KubeletPod;
import io.dgxmon.testkit.nvml.NvmlScenario;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GPU scrape benchmark on the NVML stub with 8 GPUs (every GPM metric, clock event reasons, two jobs mapped): start
 * to first successful scrape, median/p99 of :9400 and :9445 scrapes, RSS after 1,000 scrapes of all three endpoints.
 * Runs the shaded jar (exporter/target/dgxmon-exporter.jar, else the test classpath) in a child JVM with the systemd
 * unit's JVM flags.
 * With the argument {@code kubernetes}, a fake kubelet gives each GPU to a pod and the exporter asks it every second
 * (the gRPC client loaded, pod labels on every series).
 */
public final class GpuScrapeBench {
  private static final int GPUS = 8;

  private GpuScrapeBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("dgxmon-gpu-bench");
    List<String> unitFlags = CgroupScrapeBench.unitJvmFlags(dir);
    Path stub = NvmlStub.build(dir.resolve("stub"));
    Path scenarioFile = withGpm(GPUS).writeTo(dir.resolve("scenario.txt"));
    Files.createDirectories(dir.resolve("map"));
    Files.writeString(dir.resolve("map/0"), "1001\n");
    Files.writeString(dir.resolve("map/1"), "1001\n1002\n");
    Path jar = Path.of("exporter/target/dgxmon-exporter.jar");
    boolean useJar = Files.isRegularFile(jar);
    List<String> exporterArgs = new ArrayList<>(List.of("--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address", "127.0.2.1:0",
        "--cgroup.listen-address", "127.0.2.1:0", "--nvml.library", stub.toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--mig-map-file", dir.resolve("mig-uuids").toString(), "--hostname", "bench-node"));
    boolean kubernetes = List.of(args).contains("kubernetes");
    List<KubeletPod> pods = new ArrayList<>();
    for (int i = 0; i < GPUS; i++) {
      pods.add(KubeletPod.of("bench", "train-" + i, "main", "nvidia.com/gpu", NvmlScenario.uuid(i)));
    }
    if (kubernetes) {
      exporterArgs.addAll(List.of("--kubernetes", "on", "--kubernetes.refresh-interval", "1s",
          "--kubernetes.pod-resources-socket", dir.resolve("kubelet.sock").toString()));
    }
    System.out.println("GpuScrapeBench: " + GPUS + " stub GPUs, " + (useJar ? "shaded jar " + jar : "test classpath")
        + ", JVM flags " + String.join(" ", unitFlags) + (kubernetes ? ", fake kubelet: a pod per GPU" : ""));
    try (FakeKubelet kubelet = kubernetes ? FakeKubelet.start(dir.resolve("kubelet.sock"), pods) : null;
        ExporterProcess exporter = ExporterProcess.start(dir, scenarioFile, unitFlags, useJar ? jar : null,
        exporterArgs, 3)) {
      while (!exporter.scrape("dcgm").contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 1.0")
          || (kubernetes && !exporter.scrape("dcgm").contains("pod=\"train-7\""))) {
        Thread.sleep(1);
      }
      double startSeconds = (System.nanoTime() - exporter.startedNanos) / 1e9;
      System.out.printf("start to first successful :9400 scrape: %.3f s (target <= 1.5 s)%n", startSeconds);
      report(exporter, "dcgm", ":9400");
      report(exporter, "gpu", ":9445");
      for (int i = 0; i < 1000; i++) {
        exporter.scrape("dcgm");
        exporter.scrape("gpu");
        exporter.scrape("cgroup");
      }
      String rss = Files.readAllLines(Path.of("/proc", String.valueOf(exporter.pid()), "status")).stream()
          .filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:")).reduce((a, b) -> a + ", " + b).orElse("?");
      System.out.println("after 1,000 scrapes of each endpoint: " + rss.replaceAll("\\s+", " ")
          + " (target RSS <= 64 MiB = 65536 kB)");
      String self = exporter.scrape("dcgm").lines().filter(l -> l.startsWith("dgxmon_scrape_collector_duration"))
          .findFirst().orElse("?");
      System.out.println("one NVML collection of " + GPUS + " GPUs: " + self);
    }
  }

  private static void report(ExporterProcess exporter, String profile, String port) throws Exception {
    for (int i = 0; i < 300; i++) {
      exporter.scrape(profile);
    }
    List<Double> millis = new ArrayList<>();
    int bytes = 0;
    long cpuBefore = cpuTicks(exporter.pid());
    for (int i = 0; i < 500; i++) {
      long start = System.nanoTime();
      bytes = exporter.scrape(profile).length();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    // The exporter's own CPU time barely depends on what else the shared machine runs, unlike the wall time.
    double cpuMillisPerScrape = (cpuTicks(exporter.pid()) - cpuBefore) * 10.0 / millis.size();
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("%s scrape (%d bytes): median %.2f ms, p99 %.2f ms over %d scrapes (target median <= 5 ms);"
        + " exporter CPU %.2f ms per scrape%n", port, bytes, sorted[sorted.length / 2],
        sorted[(int) (sorted.length * 0.99)], sorted.length, cpuMillisPerScrape);
  }

  /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux: 10 ms each), from /proc/PID/stat. */
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * {@code gpus} stub GPUs with every GPM metric on (Hopper's profiling counters), each with its own graphics
   * utilisation, and clock event reasons on all but the first.
   */
  static NvmlScenario withGpm(int gpus) {
    NvmlScenario scenario = NvmlScenario.gpus(gpus);
    for (int i = 0; i < gpus; i++) {
      scenario.set(i, "gpm", 1).set(i, "gpm_graphics_util", 40 + i).set(i, "gpm_tensor_util", 10)
          .set(i, "gpm_dram_util", 20).set(i, "gpm_pcie_tx", 100).set(i, "gpm_pcie_rx", 200)
          .set(i, "gpm_sm_util", 30).set(i, "gpm_sm_occupancy", 25).set(i, "gpm_integer_util", 5)
          .set(i, "gpm_fp64_util", 1).set(i, "gpm_fp32_util", 15).set(i, "gpm_fp16_util", 12)
          .set(i, "gpm_nvlink_rx", 300).set(i, "gpm_nvlink_tx", 400).set(i, "clock_event_reasons", i == 0 ? 0 : 4);
    }
    return scenario;
  }
}
