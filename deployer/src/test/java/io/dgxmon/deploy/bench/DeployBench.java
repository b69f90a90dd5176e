package io.dgxmon.deploy.bench;

import io.dgxmon.deploy.DeployCommand;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Sshd;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * 64 loopback nodes (127.0.6.x, 127.0.7.x) on one real sshd. Measures, in one run: plain OpenSSH streaming the
 * payload to every node (concurrency 32) vs our first deployment, and a plain `ssh sha256sum` pass over fresh
 * connections vs our no-change re-run. Prints the figures and ratios; asserts nothing.
 *
 * <p>Args: [nodes=64] [payloadMiB=51]. Uses the real .dgxmon-build/runtime-linux-x86_64.tar when present.
 */
public final class DeployBench {
  private static final int CONCURRENCY = 32;

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int payloadMiB = args.length > 1 ? Integer.parseInt(args[1]) : 51;
    Path work = Files.createTempDirectory("dgxmon-deploybench");
    Map<String, String> addresses = spread(nodes);
    try (Sshd sshd = Sshd.start(Files.createDirectories(work.resolve("sshd")), addresses)) {
      Path src = work.resolve("src");
      long payloadBytes = sourceTree(src, payloadMiB);
      for (String node : addresses.values()) {
        Files.createDirectories(Path.of(root(work, node)));
      }
      Path known = sshd.writeKnownHosts(work.resolve("known_hosts"));
      Path config = work.resolve("config.json");
      Files.writeString(config, config(work, sshd, addresses, known));
      Path stream = work.resolve("payload.bin");
      concat(stream, src.resolve(".dgxmon-build/runtime-linux-x86_64.tar"),
          src.resolve("exporter/target/dgxmon-exporter.jar"));
      System.out.printf("%d nodes, payload %.1f MiB per node (runtime tar + exporter jar), concurrency %d%n",
          nodes, payloadBytes / 1048576.0, CONCURRENCY);

      double plainCopy = time(() -> forEachNode(sshd, addresses, known, a -> List.of(
          "cat > " + root(work, addresses.get(a)) + "/plain-copy.bin"), stream));
      double ours = time(() -> deploy(config, src, work, false));
      double plainSha = time(() -> forEachNode(sshd, addresses, known, a -> List.of(
          "sha256sum " + root(work, addresses.get(a)) + "/plain-copy.bin"), null));
      double rerun = time(() -> deploy(config, src, work, false));
      System.out.printf("plain OpenSSH copy          %7.2f s%n", plainCopy);
      System.out.printf("dgxmon first deployment     %7.2f s   ratio %.2f (target <= 1.5)%n", ours, ours / plainCopy);
      System.out.printf("plain ssh sha256sum pass    %7.2f s%n", plainSha);
      System.out.printf("dgxmon no-change re-run     %7.2f s   ratio %.2f (target <= 2.0)%n", rerun, rerun / plainSha);
    } finally {
      new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
    }
  }

  /** 127.0.6.1.. and 127.0.7.1..: half the nodes in each block. */
  private static Map<String, String> spread(int nodes) {
    Map<String, String> addresses = new LinkedHashMap<>();
    for (int i = 0; i < nodes; i++) {
      addresses.put("127.0." + (6 + i % 2) + "." + (1 + i / 2), String.format("n%02d", i));
    }
    return addresses;
  }

  private static String root(Path work, String node) {
    return work.resolve("roots").resolve(node).toString();
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static double time(Timed t) throws Exception {
    long start = System.nanoTime();
    t.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void deploy(Path config, Path src, Path work, boolean resume) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text, true);
    int code = DeployCommand.commandLine().setOut(w).setErr(w).execute("--config", config.toString(),
        "--source", src.toString(), "--state", work.resolve("state").toString());
    String[] lines = text.toString().split("\n");
    System.out.println("  " + lines[lines.length - 1]);
    if (code != 0) {
      throw new IllegalStateException("deploy failed:\n" + text);
    }
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

  private static long sourceTree(Path src, int payloadMiB) throws IOException {
    Path realRuntime = Path.of("../.dgxmon-build/runtime-linux-x86_64.tar");
    Path runtime = src.resolve(".dgxmon-build/runtime-linux-x86_64.tar");
    Files.createDirectories(runtime.getParent());
    Random random = new Random(7);
    if (Files.isRegularFile(realRuntime)) {
      Files.copy(realRuntime, runtime);
    } else {
      Path dir = Files.createDirectories(src.resolve(".dgxmon-build/rt/lib"));
      Files.write(dir.resolve("modules"), randomBytes(random, Math.max(1, payloadMiB * 7 / 8) << 20));
      run("tar", "-cf", runtime.toString(), "-C", dir.getParent().toString(), ".");
    }
    long jar = Math.max(1 << 20, ((long) payloadMiB << 20) - Files.size(runtime));
    write(src.resolve("exporter/target/dgxmon-exporter.jar"), randomBytes(random, (int) jar));
    write(src.resolve("slurm/prolog.d/dgxmon_job_map.sh"), "#!/bin/bash\nexit 0\n".getBytes());
    write(src.resolve("slurm/epilog.d/dgxmon_job_map.sh"), "#!/bin/bash\nexit 0\n".getBytes());
    return Files.size(runtime) + jar;
  }

  private static String config(Path work, Sshd sshd, Map<String, String> addresses, Path known) {
    List<String> nodes = new ArrayList<>();
    addresses.forEach((a, n) -> nodes.add("{\"hosts\": \"" + n + "\", \"address\": \"" + a + "\", \"targetRoot\": \""
        + root(work, n) + "\"}"));
    return "{\"cluster\": \"bench\", \"components\": {\"roleMonitor\": false},\n"
        + " \"ssh\": {\"port\": " + sshd.port() + ", \"identityFile\": \"" + sshd.clientPrivateKey()
        + "\", \"knownHostsFile\": \"" + known + "\", \"concurrency\": " + CONCURRENCY + ", \"stagingDir\": \""
        + work.resolve("staging") + "\"},\n"
        + " \"preflight\": {\"nvml\": \"skip\"},\n"
        + " \"nodes\": [" + String.join(",\n  ", nodes) + "]}\n";
  }

  private static void concat(Path out, Path... parts) throws IOException {
    try (OutputStream o = Files.newOutputStream(out)) {
      for (Path p : parts) {
        Files.copy(p, o);
      }
    }
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static void run(String... command) throws IOException {
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
