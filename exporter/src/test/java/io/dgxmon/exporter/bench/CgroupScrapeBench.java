package io.dgxmon.exporter.bench;

import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.exporter.ExporterServer;
import io.dgxmon.exporter.ExporterServer.Endpoint;
import io.dgxmon.exporter.SystemdUnit;
import io.dgxmon.exporter.cgroup.CgroupTrees;
import io.dgxmon.exporter.cgroup.CgroupTrees.Figures;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast the :9306 profile answers, against the floor of merely opening and reading the files a scrape reads,
 * and how much memory the exporter holds after 1,000 scrapes with the unit's JVM flags.
 * Run: {@code ./setup.sh --bench exporter io.dgxmon.exporter.bench.CgroupScrapeBench [rounds [runs]]}; with
 * several runs it ends with each case's median ratio and spread.
 */
public final class CgroupScrapeBench {
  static final String ADDRESS = "127.0.2.31";
  static final String[] STEPS = {"step_batch", "step_0"};

  private CgroupScrapeBench() {}

  /** Each case's ratio per run, in case order, for the summary. */
  private static final Map<String, List<Double>> RATIOS = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 31;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path tmp = Files.createTempDirectory("dgxmon-cgroup-bench");
    try {
      System.out.printf("cgroup scrape benchmark: median of %d rounds, %d run(s), %d cores%n", rounds, runs,
          Runtime.getRuntime().availableProcessors());
      Path big = tree(tmp.resolve("jobs1000"), 1000);
      Path small = tree(tmp.resolve("jobs64"), 64);
      for (int run = 1; run <= runs; run++) {
        System.out.printf("run %d (load average %s)%n", run, loadAverage());
        compare("1000 jobs, default", big, 1000, false, rounds);
        compare("64 jobs, default", small, 64, false, rounds);
        compare("1000 jobs, fullslurm", big, 1000, true, rounds);
        compare("64 jobs, fullslurm", small, 64, true, rounds);
        onRealCgroups(rounds);
      }
      summary();
      RssProbe.report(big, tmp, 1000);
    } finally {
      deleteTree(tmp);
    }
  }

  /** Each case's median ratio over the runs, with the spread. */
  private static void summary() {
    System.out.println("ratio scrape/floor per case: median [min-max] over the runs");
    RATIOS.forEach((label, ratios) -> {
      List<Double> sorted = ratios.stream().sorted().toList();
      System.out.printf("  %-26s %4.2f [%4.2f-%4.2f] (%d runs)%n", label, sorted.get(sorted.size() / 2),
          sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    });
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The same comparisons on this machine's cgroup v1 hierarchies (needs root), where the files are the kernel's:
   * each read runs the kernel's code that prints it, and the exporter skips the per-file type check a plain directory
   * tree needs. The jobs are empty cgroups under {@code slurm_dgxmonbench}; run it where no Slurm job runs.
   */
  private static void onRealCgroups(int rounds) throws Exception {
    Path root = Path.of("/sys/fs/cgroup");
    if (!Files.isDirectory(root.resolve("cpuacct")) || !Files.isWritable(root.resolve("cpuacct"))) {
      System.out.println("real cgroups: skipped (needs root and cgroup v1 hierarchies under " + root + ")");
      return;
    }
    for (int jobs : new int[] {1000, 64}) {
      removeRealTree(root);
      try {
        realTree(root, jobs);
        compare(jobs + " jobs, real cgroups", root, REAL_BASE, jobs, false, rounds);
        compare(jobs + " jobs, real, fullslurm", root, REAL_BASE, jobs, true, rounds);
      } finally {
        removeRealTree(root);
      }
    }
  }

  static final String REAL_BASE = "slurm_dgxmonbench";
  private static final String[] CONTROLLERS = {"cpuacct", "memory", "cpuset"};

  private static void realTree(Path root, int jobs) throws IOException {
    for (int j = 0; j < jobs; j++) {
      for (String controller : CONTROLLERS) {
        Path job = root.resolve(controller).resolve(jobPath(REAL_BASE, j));
        for (String step : STEPS) {
          Files.createDirectories(job.resolve(step));
        }
      }
    }
  }

  /** rmdir deepest first: a cgroup directory goes only with rmdir, and only once its children have gone. */
  private static void removeRealTree(Path root) throws IOException {
    for (String controller : CONTROLLERS) {
      Path base = root.resolve(controller).resolve(REAL_BASE);
      if (!Files.isDirectory(base)) {
        continue;
      }
      try (var dirs = Files.walk(base)) {
        for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(dir);
        }
      }
    }
  }

  static String jobPath(String base, int j) {
    return base + "/uid_" + (1000 + j % 50) + "/job_" + (100_000 + j);
  }

  /** {@code jobs} jobs, each with a batch and a numbered step, with the kernel's file contents. */
  static Path tree(Path root, int jobs) {
    for (int j = 0; j < jobs; j++) {
      String job = jobPath("slurm", j);
      CgroupTrees.v1(root, job, Figures.sample(j));
      for (String step : STEPS) {
        CgroupTrees.v1(root, job + "/" + step, Figures.sample(j + 1));
      }
    }
    return root;
  }

  static List<String> filesRead(Path root, String base, int jobs, boolean fullSlurm) {
    List<String> files = new ArrayList<>();
    for (int j = 0; j < jobs; j++) {
      String job = jobPath(base, j);
      files.addAll(Arrays.asList(CgroupTrees.v1FilesRead(root, job)));
      if (fullSlurm) {
        for (String step : STEPS) {
          files.addAll(Arrays.asList(CgroupTrees.v1FilesRead(root, job + "/" + step)));
        }
      }
    }
    return files;
  }

  /** Floor and scrape alternate round by round, so a busy machine slows both alike. */
  private static void compare(String label, Path root, int jobs, boolean fullSlurm, int rounds) throws Exception {
    compare(label, root, "slurm", jobs, fullSlurm, rounds);
  }

  private static void compare(String label, Path root, String base, int jobs, boolean fullSlurm, int rounds)
      throws Exception {
    List<String> files = filesRead(root, base, jobs, fullSlurm);
    List<String> args = new ArrayList<>(List.of("--dcgm.listen-address", "off", "--gpu.listen-address", "off",
        "--cgroup.listen-address", ADDRESS + ":0", "--path.cgroup.root", root.toString(),
        "--job-info-dir", root.resolve("no-jobs").toString(), "--collect.max-age", "0"));
    if (fullSlurm) {
      args.add("--collect.fullslurm");
    }
    try (ExporterServer server = ExporterServer.start(ExporterCommand.parseConfig(Map.of(),
        args.toArray(String[]::new)), line -> System.out.println("  exporter: " + line))) {
      Scraper scraper = new Scraper(ADDRESS, server.port(Endpoint.CGROUP).orElseThrow());
      int bytes = scraper.scrape(false);
      double[][] medians = medians(rounds, () -> readAll(files), () -> scraper.scrape(false),
          () -> scraper.scrape(true));
      double floor = medians[0][rounds / 2];
      double scrape = medians[1][rounds / 2];
      RATIOS.computeIfAbsent(label, key -> new ArrayList<>()).add(scrape / floor);
      System.out.printf("%-22s %6d files  floor %7.2f ms  scrape %7.2f ms  ratio %4.2f  (p90 floor %.2f, scrape "
          + "%.2f; %d KiB, gzip scrape %.2f ms)%n", label, files.size(), floor, scrape, scrape / floor,
          medians[0][rounds * 9 / 10], medians[1][rounds * 9 / 10], bytes / 1024, medians[2][rounds / 2]);
    }
  }

  /**
   * Opens and reads every file once, as cheaply as Java allows (one read of at most 8 KiB, the JDK's stack
   * buffer, and a second only if the first filled it); returns the bytes read.
   */
  static int readAll(List<String> files) throws IOException {
    byte[] buffer = new byte[8192];
    int total = 0;
    for (String file : files) {
      try (FileInputStream in = new FileInputStream(file)) {
        int n;
        while ((n = in.read(buffer)) == buffer.length) {
          total += n;
        }
        total += Math.max(n, 0);
      }
    }
    return total;
  }

  interface Run {
    int run() throws Exception;
  }

  /**
   * Runs each task once per round, in turn, after as many warm-up rounds; returns each task's sorted wall times
   * in milliseconds.
   */
  static double[][] medians(int rounds, Run... tasks) throws Exception {
    double[][] millis = new double[tasks.length][rounds];
    for (int round = -rounds; round < rounds; round++) {
      for (int t = 0; t < tasks.length; t++) {
        long start = System.nanoTime();
        tasks[t].run();
        if (round >= 0) {
          millis[t][round] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    for (double[] m : millis) {
      Arrays.sort(m);
    }
    return millis;
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The unit's JVM flags, with JavaCPP's cache pointed into the benchmark's temp dir. */
  static List<String> unitJvmFlags(Path tmp) {
    List<String> flags = new ArrayList<>();
    for (String flag : SystemdUnit.jvmFlags()) {
      flags.add(flag.startsWith("-Dorg.bytedeco.javacpp.cachedir=")
          ? "-Dorg.bytedeco.javacpp.cachedir=" + tmp.resolve("javacpp") : flag);
    }
    return flags;
  }
}
