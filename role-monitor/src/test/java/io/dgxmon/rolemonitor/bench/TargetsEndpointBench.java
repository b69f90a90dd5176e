package io.dgxmon.rolemonitor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.rolemonitor.daemon.EventLog;
import io.dgxmon.rolemonitor.daemon.RoleMonitorDaemon;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import io.dgxmon.common.web.WebServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /targets} under concurrent Prometheus-like clients, through the daemon's public API only (so the
 * same class measures any handler): a simulated cluster (default 10,000 nodes), one applied cycle, then
 * {@code clients} threads each fetching the whole body {@code requests} times. Prints the bytes the server side
 * allocated per request (every thread but the clients, by the JVM's per-thread counters: unlike heap "used", not
 * blurred by when the GC runs), heap used before, at its peak while serving (sampled every 5 ms) and after a GC, and
 * the latency percentiles. Run it with the unit's {@code -Xmx256m} to see whether the heap holds.
 * Args: [nodes] [clients] [requests per client] (defaults 10000 100 20).
 */
public final class TargetsEndpointBench {
  private TargetsEndpointBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path work = Files.createTempDirectory("targets-endpoint-bench");
    StringWriter log = new StringWriter();
    RoleMonitorDaemon daemon = daemon(work, RoleMonitorCycleBench.cluster(nodes), log);
    if (daemon.runOnce() != 0) {
      throw new IllegalStateException("the cycle failed: " + log);
    }
    try (WebServer server = daemon.startMetrics()) {
      URL url = new URL("http://127.0.0.1:" + server.port() + "/targets");
      long bodyBytes = fetch(url);
      for (int i = 0; i < 50; i++) {
        fetch(url); // JIT warm-up
      }
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long before = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(before);
      Thread sampler = sampler(memory, peak);
      Map<Long, Long> allocatedBefore = allocatedByThread();
      long[] latencies = serve(url, clients, requests);
      long serverAllocated = allocatedSince(allocatedBefore);
      sampler.interrupt();
      System.gc();
      long after = memory.getHeapMemoryUsage().getUsed();
      Arrays.sort(latencies);
      System.out.printf("/targets: %d nodes, body %.1f MiB; %d clients x %d requests%n",
          nodes, bodyBytes / 1048576.0, clients, requests);
      System.out.printf("server side allocated %.2f MiB per request (%.0f MiB for %d requests)%n",
          mib(serverAllocated) / latencies.length, mib(serverAllocated), latencies.length);
      System.out.printf("heap used: before %.0f MiB, peak while serving %.0f MiB (+%.0f), after GC %.0f MiB%n",
          mib(before), mib(peak.get()), mib(peak.get() - before), mib(after));
      System.out.printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", percentile(latencies, 50),
          percentile(latencies, 99), latencies[latencies.length - 1] / 1e6);
    }
  }

  private static RoleMonitorDaemon daemon(Path work, ClusterState cluster, StringWriter log) throws Exception {
    Path state = work.resolve("cluster.json");
    cluster.write(state);
    Path cmsh = CmshSimulator.install(work.resolve("bin"), state);
    Path file = work.resolve("role-monitor.json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("cmsh", List.of(cmsh.toString()),
        "targetsDir", work.resolve("targets").toString(), "metricsListenAddress", "127.0.0.1:0",
        "cmshTimeoutSeconds", 600)));
    return new RoleMonitorDaemon(ConfigLoader.load(file), new EventLog(new PrintWriter(log, true)));
  }

  /** Every client starts at once; returns each request's latency in ns. */
  private static long[] serve(URL url, int clients, int requests) throws Exception {
    long[] latencies = new long[clients * requests];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c * requests;
      Thread t = new Thread(() -> {
        try {
          start.await();
          for (int r = 0; r < requests; r++) {
            long t0 = System.nanoTime();
            fetch(url);
            latencies[first + r] = System.nanoTime() - t0;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return latencies;
  }

  private static long fetch(URL url) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    if (connection.getResponseCode() != 200) {
      throw new IllegalStateException("/targets answered " + connection.getResponseCode());
    }
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = connection.getInputStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
      }
    }
    return total;
  }

  /** Bytes allocated so far by every live thread (client threads are started later and are gone by the end). */
  private static Map<Long, Long> allocatedByThread() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new java.util.HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      byThread.put(ids[i], bytes[i]);
    }
    return byThread;
  }

  private static long allocatedSince(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
      total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
    }
    return total;
  }

  private static Thread sampler(MemoryMXBean memory, AtomicLong peak) {
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static double percentile(long[] sortedNanos, int p) {
    int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1);
    return sortedNanos[Math.max(0, index)] / 1e6;
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }
}
