package io.dgxmon.exporter.bench;

import io.dgxmon.exporter.gpu.ExporterProcess;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Series one DGX node costs Prometheus, per endpoint: the exporter on the NVML stub with 8 GPUs (GPM on, as on
 * Hopper), idle and then with 8 one-GPU jobs (each with a batch step and step 0 in a cgroup v1 tree and a job info
 * file), counted from real scrapes. Prints samples per scrape (= series) and the biggest families, the figures
 * docs/Scaling.md multiplies. Run: {@code ./setup.sh --bench exporter io.dgxmon.exporter.bench.SeriesPerNodeBench}.
 */
public final class SeriesPerNodeBench {
  private static final int GPUS = 8;
  private static final int FIRST_JOB = 100_000;

  private SeriesPerNodeBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("dgxmon-series-bench");
    Path stub = NvmlStub.build(dir.resolve("stub"));
    Path scenarioFile = GpuScrapeBench.withGpm(GPUS).writeTo(dir.resolve("scenario.txt"));
    for (String sub : List.of("map", "jobs", "cgroup")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Path jar = Path.of("exporter/target/dgxmon-exporter.jar");
    List<String> exporterArgs = List.of("--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address",
        "127.0.2.1:0", "--cgroup.listen-address", "127.0.2.1:0", "--nvml.library", stub.toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--path.cgroup.root", dir.resolve("cgroup").toString(), "--mig-map-file", dir.resolve("mig").toString(),
        "--gpustat-dir", dir.resolve("gpustat").toString(), "--hostname", "dgx-001", "--collect.max-age", "0");
    try (ExporterProcess exporter = ExporterProcess.start(dir, scenarioFile,
        CgroupScrapeBench.unitJvmFlags(dir), Files.isRegularFile(jar) ? jar : null, exporterArgs, 3)) {
      while (!exporter.scrape("dcgm").contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 1.0")) {
        Thread.sleep(10);
      }
      report("idle node (no job)", exporter);
      startJobs(dir);
      report(GPUS + " one-GPU jobs, each with a batch step and step 0 (job totals only, the default)", exporter);
    }
  }

  private static void startJobs(Path dir) throws Exception {
    CgroupScrapeBench.tree(dir.resolve("cgroup"), GPUS);
    for (int j = 0; j < GPUS; j++) {
      int id = FIRST_JOB + j;
      Files.writeString(dir.resolve("map/" + j), id + "\n");
      Files.writeString(dir.resolve("jobs/" + id), "job_id=" + id + "\nuid=" + (1000 + j) + "\nuser=user" + j
          + "\naccount=proj" + j % 3 + "\npartition=gpu\ngpus=" + j + "\n");
    }
  }

  private static void report(String scenario, ExporterProcess exporter) throws Exception {
    System.out.println(scenario + ":");
    int total = 0;
    for (String profile : List.of("dcgm", "gpu", "cgroup")) {
      Map<String, Integer> families = families(exporter.scrape(profile));
      int series = families.values().stream().mapToInt(Integer::intValue).sum();
      total += series;
      System.out.printf("  %-6s %4d series in %3d families; biggest: %s%n", profile, series, families.size(),
          biggest(families));
    }
    System.out.printf("  all three endpoints: %d series per node%n", total);
  }

  /** Family (metric name without _total/_created etc. kept as exposed) → number of sample lines. */
  private static Map<String, Integer> families(String exposition) {
    Map<String, Integer> count = new TreeMap<>();
    exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
      int end = l.indexOf('{') >= 0 ? l.indexOf('{') : l.indexOf(' ');
      count.merge(l.substring(0, end), 1, Integer::sum);
    });
    return count;
  }

  private static String biggest(Map<String, Integer> families) {
    return families.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
        .map(e -> e.getKey() + " " + e.getValue()).toList().toString();
  }
}
