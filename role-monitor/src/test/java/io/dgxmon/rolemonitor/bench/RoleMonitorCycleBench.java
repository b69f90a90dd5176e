package io.dgxmon.rolemonitor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.CmshOutputParser;
import io.dgxmon.rolemonitor.cmsh.CmshQuery;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.daemon.EventLog;
import io.dgxmon.rolemonitor.daemon.FileChanges;
import io.dgxmon.rolemonitor.daemon.RoleMonitorDaemon;
import io.dgxmon.rolemonitor.targets.DesiredTargets;
import io.dgxmon.rolemonitor.targets.EffectiveRoles;
import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.rolemonitor.targets.NodeRoles;
import io.dgxmon.rolemonitor.targets.TargetFileFormat;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import io.dgxmon.rolemonitor.targets.TargetsDiff;
import io.dgxmon.rolemonitor.targets.TargetsPlan;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.ClusterState.Category;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.ClusterState.Overlay;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One role-monitor cycle on a simulated cluster (10,000 nodes unless told): parse + effective roles + desired targets
 * + diff (cmsh time excluded; its text is rendered once in-process by the simulator), the first cycle's writes one
 * after the other and on a few threads, files written by an unchanged cycle, and cmsh processes per cycle (counted by
 * the simulator).
 * Args: [nodes] (default 10000) [no-process] (skips the two cycles through the simulator's own JVM process, which
 * take minutes at 50,000 nodes; {@link UnitCycleBench} runs whole cycles in the unit's heap instead).
 */
public final class RoleMonitorCycleBench {
  private RoleMonitorCycleBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path work = Files.createTempDirectory("role-monitor-bench");
    ClusterState cluster = cluster(nodes);
    MonitorConfig config = ConfigLoader.load(writeConfig(work, List.of("/bin/false"), work.resolve("targets")));

    long t0 = System.nanoTime();
    CmshSimulator.Result rendered = CmshSimulator.run(cluster, CmshQuery.script(config.nodeTypes()), true);
    double renderMs = ms(t0);
    String output = rendered.output();
    System.out.printf("cluster: %d physical nodes; simulated cmsh answer %.1f MiB (rendered in %.0f ms, not counted)%n",
        nodes, output.length() / 1048576.0, renderMs);

    FileSdWriter writer = new FileSdWriter(work.resolve("targets"));
    TargetsPlan first = TargetsPlan.from(output, config, writer.managedFiles());
    System.out.printf("first cycle: %d targeted, %d untargeted nodes; %d files to write (fsync each)%n",
        first.targetedNodes(), first.untargetedNodes(), first.diff().writes().size());
    firstWrites(work, first.diff()).forEach((threads, ms) -> System.out.printf(
        "  written with %2d thread(s): %.0f ms (%.2f ms per file)%n", threads, ms, ms / first.diff().writes().size()));
    for (int i = 0; i < 5; i++) {
      TargetsPlan.from(output, config, Map.of()); // JIT warm-up
    }
    double[] cold = time(10, () -> TargetsPlan.from(output, config, Map.of()));
    t0 = System.nanoTime();
    Map<String, String> managed = writer.managedFiles();
    double listMs = ms(t0);
    t0 = System.nanoTime();
    Map<String, String> managedAgain = writer.managedFiles();
    double listCachedMs = ms(t0);
    double[] warm = time(10, () -> TargetsPlan.from(output, config, managedAgain));
    TargetsPlan unchanged = TargetsPlan.from(output, config, managed);

    System.out.printf("heap used after GC, holding the cmsh answer, the plan and the directory cache: %.0f MiB%n",
        heapAfterGcMiB());
    System.out.printf("parse+compute+diff, empty dir:   median %.0f ms, max %.0f ms (10 runs)%n", median(cold), max(cold));
    System.out.printf("parse+compute+diff, no change:   median %.0f ms, max %.0f ms (10 runs)%n", median(warm), max(warm));
    breakdown(output, config, managedAgain);
    System.out.printf("reading the targets dir: %.0f ms first, %.0f ms with the (mtime,size) cache%n", listMs, listCachedMs);
    System.out.printf("no-change cycle: %d files to write, %d to remove, %d unchanged%n",
        unchanged.diff().writes().size(), unchanged.diff().removals().size(), unchanged.diff().unchanged());
    if (args.length < 2 || !args[1].equals("no-process")) {
      processCycles(work, cluster);
    }
  }

  /**
   * The first cycle's writes into fresh directories with 1 (as before), then {@link FileChanges#PARALLEL_WRITES} and
   * 16 threads, then 1 again (the same run, so the page cache and the journal start alike); the last one fills
   * {@code work/targets}. Returns ms by thread count (the two sequential runs: their mean).
   */
  private static Map<Integer, Double> firstWrites(Path work, TargetsDiff diff) throws Exception {
    Map<Integer, Double> ms = new TreeMap<>();
    int[] runs = {1, FileChanges.PARALLEL_WRITES, 16, 1};
    for (int i = 0; i < runs.length; i++) {
      Path dir = i == runs.length - 1 ? work.resolve("targets") : work.resolve("targets-" + i);
      FileSdWriter writer = new FileSdWriter(dir);
      writer.managedFiles(); // as a cycle does first: creates the directory
      long t0 = System.nanoTime();
      FileChanges done = FileChanges.apply(writer, diff, Duration.ofMinutes(10), runs[i]);
      double took = ms(t0);
      if (!done.failures().isEmpty() || done.written() != diff.writes().size()) {
        throw new IllegalStateException("first cycle with " + runs[i] + " threads: " + done.written() + " written, "
            + done.failures().size() + " failed, first: " + done.failures().get(0));
      }
      ms.merge(runs[i], took, (a, b) -> (a + b) / 2);
    }
    return ms;
  }

  private static double heapAfterGcMiB() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  /** Two full daemon cycles through a fake cmsh process: processes started and files rewritten. */
  private static void processCycles(Path work, ClusterState cluster) throws Exception {
    Path state = work.resolve("cluster.json");
    cluster.write(state);
    Path cmsh = CmshSimulator.install(work.resolve("bin"), state);
    Path targets = work.resolve("targets-daemon");
    MonitorConfig config = ConfigLoader.load(writeConfig(work, List.of(cmsh.toString()), targets));
    StringWriter log = new StringWriter();
    RoleMonitorDaemon daemon = new RoleMonitorDaemon(config, new EventLog(new PrintWriter(log, true)));
    long t0 = System.nanoTime();
    int rc1 = daemon.runOnce();
    double firstMs = ms(t0);
    Map<Path, FileTime> before = mtimes(targets);
    t0 = System.nanoTime();
    int rc2 = daemon.runOnce();
    double secondMs = ms(t0);
    long rewritten = mtimes(targets).entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
    System.out.printf("daemon cycles with the fake cmsh process: rc %d/%d, %.0f ms / %.0f ms wall (incl. a JVM-based fake cmsh)%n",
        rc1, rc2, firstMs, secondMs);
    System.out.printf("cmsh processes started: %d for 2 cycles; files rewritten by the unchanged cycle: %d of %d%n",
        CmshSimulator.invocations(state).size(), rewritten, before.size());
  }

  /** Median of each stage over 10 runs. */
  private static void breakdown(String output, MonitorConfig config, Map<String, String> managed) throws Exception {
    ClusterSnapshot snapshot = CmshOutputParser.parse(output, config.nodeTypes());
    List<NodeRoles> roles = EffectiveRoles.compute(snapshot, config.nodeTypes());
    SortedMap<String, List<TargetGroup>> desired = DesiredTargets.compute(roles, config);
    Map<String, String> files = new TreeMap<>();
    desired.forEach((h, g) -> files.put(h + ".json", TargetFileFormat.render(g)));
    System.out.printf("  stages (median): parse %.0f ms, effective roles %.0f ms, desired targets %.0f ms, render %.0f ms,"
            + " diff %.0f ms%n",
        median(time(10, () -> CmshOutputParser.parse(output, config.nodeTypes()))),
        median(time(10, () -> EffectiveRoles.compute(snapshot, config.nodeTypes()))),
        median(time(10, () -> DesiredTargets.compute(roles, config))),
        median(time(10, () -> desired.forEach((h, g) -> TargetFileFormat.render(g)))),
        median(time(10, () -> TargetsDiff.between(files, managed))));
  }

  static ClusterState cluster(int nodes) {
    ClusterState state = new ClusterState();
    state.nodes.add(Node.head("basecm11", "10.141.255.254"));
    for (int i = 1; i <= 40; i++) {
      state.nodes.add(Node.device("Switch", String.format("leaf%02d", i), "10.142.0." + i));
    }
    List<String> overlayNodes = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      String host = String.format("dgx-%05d", i);
      String category = i % 10 == 0 ? "cpu" : i % 10 == 1 ? "login" : "dgx";
      state.nodes.add(Node.physical(host, category, "10." + (140 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256),
          i % 97 == 0 ? new String[] {"slurmclient"} : new String[0]));
      if (category.equals("cpu") && i % 20 == 0) {
        overlayNodes.add(host);
      }
    }
    state.categories.addAll(List.of(Category.of("dgx", "slurmclient", "cgroupsupervisor"), Category.of("cpu"),
        Category.of("login")));
    state.overlays.add(Overlay.of("slurm-client", overlayNodes, List.of(), "slurmclient"));
    state.overlays.add(Overlay.of("slurm-submit", List.of(), List.of("login"), "slurmsubmit"));
    Overlay server = Overlay.of("slurm-server", List.of(), List.of(), "slurmserver");
    server.allheadnodes = true;
    state.overlays.add(server);
    return state;
  }

  private static Path writeConfig(Path work, List<String> cmsh, Path targets) throws Exception {
    Path file = work.resolve("role-monitor.json");
    Map<String, Object> config = new HashMap<>();
    config.put("cmsh", cmsh);
    config.put("targetsDir", targets.toString());
    config.put("metricsListenAddress", "off");
    config.put("maxDeletionFraction", 1.0);
    Files.writeString(file, new ObjectMapper().writeValueAsString(config));
    return file;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double[] time(int runs, Step step) throws Exception {
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      step.run();
      ms[i] = ms(t0);
    }
    return ms;
  }

  private static Map<Path, FileTime> mtimes(Path dir) throws Exception {
    Map<Path, FileTime> times = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        times.put(f, Files.getLastModifiedTime(f));
      }
    }
    return times;
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }
}
