package io.dgxmon.exporter.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the exporter as a child JVM with the unit's flags, scrapes it, and reads its VmRSS. */
final class RssProbe {
  private RssProbe() {}

  static void report(Path cgroupRoot, Path tmp, int scrapes) throws Exception {
    report("", cgroupRoot, tmp, scrapes, List.of());
  }

  /** As {@link #report(Path, Path, int)}, with {@code moreArgs} for the exporter and {@code label} in the line. */
  static void report(String label, Path cgroupRoot, Path tmp, int scrapes, List<String> moreArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(CgroupScrapeBench.unitJvmFlags(tmp));
    Path jar = Path.of("exporter/target/dgxmon-exporter.jar");
    if (Files.isRegularFile(jar)) {
      command.addAll(List.of("-jar", jar.toString()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.dgxmon.exporter.ExporterCommand"));
    }
    command.addAll(List.of("--dcgm.listen-address", CgroupScrapeBench.ADDRESS + ":0", "--gpu.listen-address",
        CgroupScrapeBench.ADDRESS + ":0", "--cgroup.listen-address", CgroupScrapeBench.ADDRESS + ":0",
        "--path.cgroup.root", cgroupRoot.toString(), "--job-info-dir", tmp.resolve("no-jobs").toString(),
        "--collect.max-age", "0", "--nvml.library", tmp.resolve("no-nvml.so").toString()));
    command.addAll(moreArgs);
    Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      int port = cgroupPort(child);
      Scraper scraper = new Scraper(CgroupScrapeBench.ADDRESS, port);
      double[] millis = new double[scrapes];
      for (int i = 0; i < scrapes; i++) {
        long start = System.nanoTime();
        scraper.scrape(false);
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
      java.util.Arrays.sort(millis);
      System.out.printf("%sRSS after %d scrapes of 1000 jobs (%s, unit flags): %s; median scrape %.2f ms (p90 %.2f)"
          + "%n  flags %s%n", label, scrapes, command.contains("-jar") ? "shaded jar" : "class path", vmRss(child.pid()),
          millis[scrapes / 2], millis[scrapes * 9 / 10], CgroupScrapeBench.unitJvmFlags(tmp));
    } finally {
      child.destroy();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  /** Reads the child's stderr until it says where the cgroup profile listens. */
  static int cgroupPort(Process child) throws IOException {
    BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = err.readLine()) != null) {
      if (line.contains("cgroup profile on ")) {
        Thread drain = new Thread(() -> err.lines().forEach(l -> System.out.println("  exporter: " + l)));
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
      }
      System.out.println("  exporter: " + line);
    }
    throw new IOException("the exporter exited before listening");
  }

  static String vmRss(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
  }
}
