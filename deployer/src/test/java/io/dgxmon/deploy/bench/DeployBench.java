package io.dgxmon.deploy.bench;

import io.dgxmon.deploy.DeployCommand;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Sshd;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 64 loopback nodes (127.0.6.x, 127.0.7.x; beyond 508 nodes also 127.0.10.x-127.0.13.x) on one real sshd. Measures, in one run: plain OpenSSH streaming the
 * payload to every node (concurrency 32) vs our first deployment, and a plain `ssh sha256sum` pass over fresh
 * connections vs our no-change re-run, then (when installed) ansible-playbook doing the same pushes, first run and
 * re-run (src/test/resources/bench/dgxmon-push.yml). Prints the figures, ratios and CPU per side, the wall time and
 * CPU per node, and the memory and threads of this JVM (the deployer runs in it); asserts nothing. At 256 or 1,000
 * nodes (with a smaller payload so the disk holds two copies per node) it shows how the cost grows.
 *
 * <p>Args: [nodes=64] [payloadMiB=51] [no-ansible] [runs=N]. With runs=N the whole benchmark runs N times, each
 * in a JVM of its own (so each first deployment starts as cold as a real one; ansible, when asked for, only in the
 * last), then the median and spread of both ratios are printed. Every run prints the load average before and after.
 * Uses the real .dgxmon-build/runtime-linux-x86_64.tar when present.
 */
public final class DeployBench {
  private static final int CONCURRENCY = 32;
  private static final Pattern STEP_LINE = Pattern.compile("\\[[^]]+\\] ([a-z-]+): .*\\((\\d+\\.\\d) s\\)");

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int payloadMiB = args.length > 1 ? Integer.parseInt(args[1]) : 51;
    List<String> rest = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    boolean withAnsible = !rest.contains("no-ansible");
    int runs = rest.stream().filter(a -> a.startsWith("runs=")).mapToInt(a -> Integer.parseInt(a.substring(5)))
        .findFirst().orElse(1);
    if (runs > 1) {
      RepeatedRuns.main(DeployBench.class, nodes, payloadMiB, withAnsible, runs);
      return;
    }
    System.out.printf("load average before: %s, %s%n", RunFigures.loadAverage(), RunFigures.cpus());
    Path work = Files.createTempDirectory("dgxmon-deploybench");
    Map<String, String> addresses = spread(nodes);
    try (Sshd sshd = Sshd.start(Files.createDirectories(work.resolve("sshd")), addresses)) {
      Path src = work.resolve("src");
      long payloadBytes = BenchSource.sourceTree(src, payloadMiB);
      Path roots = work.resolve("roots");
      Path known = sshd.writeKnownHosts(work.resolve("known_hosts"));
      Path config = config(work, roots, sshd, addresses, known);
      Path stream = work.resolve("payload.bin");
      BenchSource.concat(stream, src.resolve(".dgxmon-build/runtime-linux-x86_64.tar"),
          src.resolve("exporter/target/dgxmon-exporter.jar"));
      System.out.printf("%d nodes, payload %.1f MiB per node (runtime tar + exporter jar), concurrency %d%n",
          nodes, payloadBytes / 1048576.0, CONCURRENCY);
      CpuMeter cpu = new CpuMeter(CpuMeter.sshdPid());
      Comparison c = compare(nodes, sshd, addresses, known, roots, stream, config, src, work, cpu);
      System.out.println(memory());
      System.out.printf("load average after: %s%n", RunFigures.loadAverage());
      if (withAnsible) {
        compareWithAnsible(work, sshd, addresses, known, src, cpu, c.ours(), c.rerun());
      }
    } finally {
      new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
    }
  }

  /** One run's two comparisons and their phases. */
  record Comparison(Phase plainCopy, Phase ours, Phase plainSha, Phase rerun) {
    double firstRatio() {
      return ours.wall() / plainCopy.wall();
    }

    double rerunRatio() {
      return rerun.wall() / plainSha.wall();
    }
  }

  /** Plain OpenSSH copy vs our first deployment, then a plain sha256sum pass vs our no-change re-run. */
  private static Comparison compare(int nodes, Sshd sshd, Map<String, String> addresses, Path known, Path roots,
      Path stream, Path config, Path src, Path work, CpuMeter cpu) throws Exception {
    Phase plainCopy = measure("plain OpenSSH copy", cpu, () -> forEachNode(sshd, addresses, known,
        a -> List.of("cat > " + root(roots, addresses.get(a)) + "/plain-copy.bin"), stream));
    Phase ours = measure("dgxmon first deployment", cpu, () -> deploy(config, src, work, false));
    Phase plainSha = measure("plain ssh sha256sum pass", cpu, () -> forEachNode(sshd, addresses, known,
        a -> List.of("sha256sum " + root(roots, addresses.get(a)) + "/plain-copy.bin"), null));
    Phase rerun = measure("dgxmon no-change re-run", cpu, () -> deploy(config, src, work, false));
    Comparison c = new Comparison(plainCopy, ours, plainSha, rerun);
    for (Phase p : List.of(plainCopy, ours, plainSha, rerun)) {
      System.out.println(p);
    }
    System.out.printf("%s %.2f (target <= 1.3)%n", RepeatedRuns.FIRST_RATIO, c.firstRatio());
    System.out.printf("%s %.2f (target <= 2.0)%n", RepeatedRuns.RERUN_RATIO, c.rerunRatio());
    for (Phase p : List.of(plainCopy, ours, plainSha, rerun)) {
      System.out.printf("per node: %-28s wall %6.1f ms, CPU %6.1f ms (both sides)%n", p.name(),
          p.wall() * 1000 / nodes, p.cpuSeconds() * 1000 / nodes);
    }
    return c;
  }

  /** The same pushes by ansible-playbook (Debian's ansible), into roots of its own, when it is installed. */
  private static void compareWithAnsible(Path work, Sshd sshd, Map<String, String> addresses, Path known, Path src,
      CpuMeter cpu, Phase ours, Phase rerun) throws Exception {
    Path playbook = AnsiblePush.find();
    if (playbook == null) {
      System.out.println("ansible-playbook not installed (apt-get install --no-install-recommends ansible): "
          + "no comparison");
      return;
    }
    Path roots = work.resolve("ansible-roots");
    Path config = config(work.resolve("ansible"), roots, sshd, addresses, known);
    Path rendered = work.resolve("ansible/rendered");
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text, true);
    if (DeployCommand.commandLine().setOut(w).setErr(w).execute("--config", config.toString(), "--source",
        src.toString(), "--dry-run", "--output", rendered.toString()) != 0) {
      throw new IllegalStateException("dry run for ansible failed:\n" + text);
    }
    CpuMeter.Reading before = cpu.read();
    Phase first;
    Phase again;
    try (AnsiblePush push = new AnsiblePush(playbook, work.resolve("ansible"), sshd, known, src)) {
      push.inventory(addresses, a -> root(roots, addresses.get(a)), a -> rendered.resolve(addresses.get(a)));
      first = measure("ansible-playbook first run", cpu, push::run);
      again = measure("ansible-playbook re-run", cpu, push::run);
    }
    Thread.sleep(1000);
    // Its ControlPersist sessions end only now: sshd's share of both runs is counted here, not per run.
    System.out.printf("%-28s %7.2f s   wall%n%-28s %7.2f s   wall%n  both runs: %s%n", first.name(), first.wall(),
        again.name(), again.wall(), cpu.read().since(before, first.wall() + again.wall()));
    System.out.printf("ansible first run / dgxmon first deployment  %.1fx (goal >= 4)%n", first.wall / ours.wall);
    System.out.printf("ansible re-run / dgxmon no-change re-run     %.1fx (goal >= 7)%n", again.wall / rerun.wall);
  }

  /** 127.0.6.1.. and 127.0.7.1..: half the nodes in each block; nodes 509 and up in 127.0.10.x-127.0.13.x. */
  private static Map<String, String> spread(int nodes) {
    if (nodes > 508 + 4 * 254) {
      throw new IllegalArgumentException("at most 1524 nodes");
    }
    Map<String, String> addresses = new LinkedHashMap<>();
    for (int i = 0; i < nodes; i++) {
      int j = i - 508;
      String address = i < 508 ? "127.0." + (6 + i % 2) + "." + (1 + i / 2)
          : "127.0." + (10 + j % 4) + "." + (1 + j / 4);
      addresses.put(address, String.format("n%02d", i));
    }
    return addresses;
  }

  /** This JVM's peak resident memory and threads, and its heap after a full collection (the deployer runs in it). */
  private static String memory() throws IOException {
    String peak = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
        .findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return String.format("deployer JVM: peak RSS (%s), heap used after GC %.1f MiB of max %.0f MiB, peak threads %d",
        peak, (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.maxMemory() / 1048576.0,
        java.lang.management.ManagementFactory.getThreadMXBean().getPeakThreadCount());
  }

  private static String root(Path roots, String node) {
    return roots.resolve(node).toString();
  }

  interface Timed {
    void run() throws Exception;
  }

  /** One timed phase: wall seconds and where the CPU went. */
  record Phase(String name, double wall, String cpu, double cpuSeconds) {
    @Override
    public String toString() {
      return String.format("%-28s %7.2f s   %s", name, wall, cpu);
    }
  }

  static Phase measure(String name, CpuMeter cpu, Timed t) throws Exception {
    // Each phase writes ~3 GiB: without a sync the next phase pays for the previous one's writeback (the kernel
    // makes writers flush once dirty pages pass vm.dirty_background_ratio), which skews every ratio.
    run("sync");
    CpuMeter.Reading before = cpu.read();
    long start = System.nanoTime();
    t.run();
    double wall = (System.nanoTime() - start) / 1e9;
    CpuMeter.Reading after = cpu.read();
    return new Phase(name, wall, after.since(before, wall), after.totalSince(before));
  }

  private static void deploy(Path config, Path src, Path work, boolean resume) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text, true);
    int code = DeployCommand.commandLine().setOut(w).setErr(w).execute("--config", config.toString(),
        "--source", src.toString(), "--state", work.resolve("state").toString());
    String[] lines = text.toString().split("\n");
    System.out.println("  " + lines[lines.length - 1]);
    System.out.println("  step seconds summed over targets: " + stepSeconds(lines));
    if (code != 0) {
      throw new IllegalStateException("deploy failed:\n" + text);
    }
  }

  /** From the progress lines "[node] step: ... (1.2 s)": where the targets' time went, per step. */
  private static String stepSeconds(String[] lines) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = STEP_LINE.matcher(line);
      if (m.matches()) {
        sums.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
      }
    }
    StringBuilder s = new StringBuilder();
    sums.forEach((step, sec) -> s.append(String.format("%s %.1f, ", step, sec)));
    return s.length() == 0 ? "none" : s.substring(0, s.length() - 2);
  }

  /** Runs OpenSSH's ssh for each node, fresh connection each, at most 32 at a time; stdin from {@code input}. */
  private static void forEachNode(Sshd sshd, Map<String, String> addresses, Path known,
      java.util.function.Function<String, List<String>> command, Path input) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    List<Future<Integer>> results = new ArrayList<>();
    for (String address : addresses.keySet()) {
      results.add(pool.submit(() -> {
        List<String> args = new ArrayList<>(List.of("ssh"));
        args.addAll(sshd.clientOptions(known));
        args.add(address);
        args.addAll(command.apply(address));
        ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (input != null) {
          pb.redirectInput(input.toFile());
        }
        return pb.start().waitFor();
      }));
    }
    for (Future<Integer> f : results) {
      if (f.get() != 0) {
        throw new IllegalStateException("plain ssh failed");
      }
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
  }

  /** A deployer config for every node, each with its own empty install root under {@code roots}. */
  private static Path config(Path dir, Path roots, Sshd sshd, Map<String, String> addresses, Path known)
      throws IOException {
    List<String> nodes = new ArrayList<>();
    for (Map.Entry<String, String> e : addresses.entrySet()) {
      Files.createDirectories(Path.of(root(roots, e.getValue())));
      nodes.add("{\"hosts\": \"" + e.getValue() + "\", \"address\": \"" + e.getKey() + "\", \"targetRoot\": \""
          + root(roots, e.getValue()) + "\"}");
    }
    Path config = Files.createDirectories(dir).resolve("config.json");
    Files.writeString(config, "{\"cluster\": \"bench\", \"components\": {\"roleMonitor\": false},\n"
        + " \"ssh\": {\"port\": " + sshd.port() + ", \"identityFile\": \"" + sshd.clientPrivateKey()
        + "\", \"knownHostsFile\": \"" + known + "\", \"concurrency\": " + CONCURRENCY + "},\n"
        + " \"preflight\": {\"nvml\": \"skip\"},\n"
        + " \"nodes\": [" + String.join(",\n  ", nodes) + "]}\n");
    return config;
  }

  static void run(String... command) throws IOException {
    try {
      if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
