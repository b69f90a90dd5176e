package io.dgxmon.exporter.bench;

import io.dgxmon.testkit.SlowHttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrape latency of the :9306 listener under 200 concurrent scrapers while 30 slowloris connections are held
 * (re-opened as the server closes them), then the exporter's RSS. The exporter runs as the shaded jar with the unit's
 * JVM flags. Run: {@code ./setup.sh --bench exporter io.dgxmon.exporter.bench.EndpointLoadBench [seconds] [jar]};
 * pass another build's jar (e.g. main's) to compare.
 */
public final class EndpointLoadBench {
  private static final int SCRAPERS = 200;
  private static final int SLOW_CLIENTS = 30;
  private static final int TIMEOUT_MS = 10_000;

  private EndpointLoadBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    // Keep every scraper's connection alive between scrapes, as Prometheus does (the JDK keeps 5 by default).
    System.setProperty("http.maxConnections", Integer.toString(SCRAPERS));
    Path jar = Path.of(args.length > 1 ? args[1] : "exporter/target/dgxmon-exporter.jar");
    Path tmp = Files.createTempDirectory("dgxmon-endpoint-bench");
    Path cgroup = CgroupScrapeBench.tree(tmp.resolve("cgroup"), 64);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(CgroupScrapeBench.unitJvmFlags(tmp));
    command.addAll(List.of("-jar", jar.toString(), "--dcgm.listen-address", "off", "--gpu.listen-address", "off",
        "--cgroup.listen-address", CgroupScrapeBench.ADDRESS + ":0", "--path.cgroup.root", cgroup.toString(),
        "--job-info-dir", tmp.resolve("no-jobs").toString(), "--nvml.library", tmp.resolve("no-nvml.so").toString()));
    Path stdout = tmp.resolve("exporter.out");
    Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).start();
    try {
      int port = RssProbe.cgroupPort(child);
      System.out.printf("%s: %d scrapers for %d s, %d slow clients held, 64 jobs, %d cores%n", jar, SCRAPERS,
          seconds, SLOW_CLIENTS, Runtime.getRuntime().availableProcessors());
      run(port, seconds);
      System.out.println(child.isAlive() ? "RSS after: " + RssProbe.vmRss(child.pid())
          : "the exporter died: " + Files.readString(stdout));
    } finally {
      child.destroy();
      child.waitFor(10, TimeUnit.SECONDS);
      CgroupScrapeBench.deleteTree(tmp);
    }
  }

  private static void run(int port, int seconds) throws Exception {
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<SlowHttpClients> slow = new ArrayList<>();
    ExecutorService scrapers = Executors.newFixedThreadPool(SCRAPERS);
    try {
      topUp(slow, port);
      for (int i = 0; i < SCRAPERS; i++) {
        scrapers.execute(() -> scrapeUntil(port, end, millis, failures));
      }
      while (System.nanoTime() < end) {
        Thread.sleep(500);
        topUp(slow, port);
      }
      scrapers.shutdown();
      scrapers.awaitTermination(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
    } finally {
      slow.forEach(SlowHttpClients::close);
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("scrapes ok %d, failed or over %d ms %d; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        sorted.size(), TIMEOUT_MS, failures.get(), percentile(sorted, 0.5), percentile(sorted, 0.99),
        percentile(sorted, 1.0));
  }

  /** Keeps {@link #SLOW_CLIENTS} half-sent requests open, re-opening those the server closed. */
  private static void topUp(List<SlowHttpClients> slow, int port) {
    try {
      int open = 0;
      for (SlowHttpClients group : slow) {
        open += group.stillOpen();
      }
      if (open < SLOW_CLIENTS) {
        slow.add(SlowHttpClients.open(CgroupScrapeBench.ADDRESS, port, SLOW_CLIENTS - open));
      }
    } catch (IOException e) {
      System.out.println("  slow clients: " + e);
    }
  }

  private static void scrapeUntil(int port, long end, List<Double> millis, AtomicInteger failures) {
    byte[] buffer = new byte[64 * 1024];
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + CgroupScrapeBench.ADDRESS + ":"
            + port + "/metrics").toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MS);
        connection.setReadTimeout(TIMEOUT_MS);
        if (connection.getResponseCode() != 200) {
          throw new IOException("HTTP " + connection.getResponseCode());
        }
        try (InputStream in = connection.getInputStream()) {
          while (in.read(buffer) > 0) {
            // Read the whole answer, as Prometheus does.
          }
        }
        millis.add((System.nanoTime() - start) / 1e6);
      } catch (IOException e) {
        failures.incrementAndGet();
      }
    }
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }
}
