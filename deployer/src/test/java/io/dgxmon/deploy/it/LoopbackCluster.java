package io.dgxmon.deploy.it;

import io.dgxmon.deploy.DeployCommand;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.Sshd;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test world for the deployer: loopback "nodes" served by real sshds, each with its own temp install root, a fake
 * built source tree (runtime archive, jars, Slurm scripts), and helpers to write the config and run the CLI.
 */
final class LoopbackCluster {
  final Path dir;
  final Path source;
  final Path knownHosts;
  final Path config;

  LoopbackCluster(Path dir) throws IOException {
    this.dir = dir;
    this.source = dir.resolve("src");
    this.knownHosts = dir.resolve("known_hosts");
    this.config = dir.resolve("config.json");
    fakeSourceTree(source, 256 * 1024);
  }

  Path root(String node) {
    return dir.resolve("roots").resolve(node);
  }

  /**
   * A source tree as ./setup.sh --build leaves it, with random bytes of roughly {@code size} for the binaries; each
   * runtime archive's {@code release} names its architecture as a JDK's does ({@code OS_ARCH}).
   */
  static void fakeSourceTree(Path source, int size) throws IOException {
    Random random = new Random(42);
    fakeRuntime(source, "x86_64", "x86_64", bytes(random, size));
    fakeRuntime(source, "arm64", "aarch64", bytes(random, size / 2));
    write(source.resolve("exporter/target/dgxmon-exporter.jar"), bytes(random, size / 4));
    write(source.resolve("role-monitor/target/dgxmon-role-monitor.jar"), bytes(random, size / 8));
    write(source.resolve("report/target/dgxmon-report.jar"), bytes(random, size / 16));
    write(source.resolve("slurm/prolog.d/dgxmon_job_map.sh"), "#!/bin/bash\nexit 0\n".getBytes());
    write(source.resolve("slurm/epilog.d/dgxmon_job_map.sh"), "#!/bin/bash\nexit 0\n".getBytes());
    write(source.resolve("slurm/check.sh"), "#!/bin/bash\necho OK\n".getBytes());
  }

  private static void fakeRuntime(Path source, String arch, String osArch, byte[] modules) throws IOException {
    Path runtime = source.resolve(".dgxmon-build/runtime-linux-" + arch);
    Files.createDirectories(runtime.resolve("bin"));
    Files.createDirectories(runtime.resolve("lib"));
    Files.writeString(runtime.resolve("bin/java"), "#!/bin/sh\nexit 0\n");
    runtime.resolve("bin/java").toFile().setExecutable(true, false);
    Files.writeString(runtime.resolve("release"), "OS_ARCH=\"" + osArch + "\"\n");
    Files.write(runtime.resolve("lib/modules"), modules);
    Processes.run(Duration.ofSeconds(60), "tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0",
        "-cf", source.resolve(".dgxmon-build/runtime-linux-" + arch + ".tar").toString(), "-C", runtime.toString(), ".")
        .assertSuccess("tar");
  }

  private static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  /** Lets {@code other} accept the client key of {@code main} (the config names one identity file). */
  static void authorize(Sshd main, Sshd other, Path otherWorkDir) throws IOException {
    String pub = Files.readString(Path.of(main.clientPrivateKey() + ".pub"));
    Path keys = otherWorkDir.resolve("ssh/authorized_keys");
    if (!Files.exists(Path.of(main.clientPrivateKey() + ".pub"))) {
      throw new IOException("no public key next to " + main.clientPrivateKey());
    }
    Files.writeString(keys, pub.endsWith("\n") ? pub : pub + "\n", StandardOpenOption.APPEND);
  }

  /** One node entry of the config. */
  record Node(String name, String address, int port, String arch) {
    Node(String name, String address, int port) {
      this(name, address, port, "x86_64");
    }
  }

  String configJson(Path identity, Node head, List<Node> nodes, String extra) {
    List<String> entries = new ArrayList<>();
    for (Node n : nodes) {
      entries.add("{\"hosts\": \"" + n.name + "\", \"address\": \"" + n.address + "\", \"targetRoot\": \""
          + root(n.name) + "\", \"arch\": \"" + n.arch + "\", \"ssh\": {\"port\": " + n.port + "}}");
    }
    return "{\n  \"cluster\": \"test\",\n"
        + "  \"headNode\": {\"host\": \"" + head.name + "\", \"address\": \"" + head.address + "\", \"port\": "
        + head.port + ", \"targetRoot\": \"" + root(head.name) + "\"},\n"
        + "  \"ssh\": {\"identityFile\": \"" + identity + "\", \"knownHostsFile\": \"" + knownHosts + "\", "
        + "\"connectTimeoutSeconds\": 5, \"commandTimeoutSeconds\": 60},\n"
        + "  \"components\": {\"prometheusSample\": true},\n"
        + "  \"preflight\": {\"nvml\": \"warn\"},\n"
        + extra
        + "  \"nodes\": [\n    " + String.join(",\n    ", entries) + "\n  ]\n}\n";
  }

  /** Runs the CLI in-process; returns exit code and everything it printed. */
  Run deploy(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString(), "--source", source.toString(), "--state",
        dir.resolve("state").toString()));
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text, true);
    int code = DeployCommand.commandLine().setOut(w).setErr(w).execute(all.toArray(String[]::new));
    return new Run(code, text.toString());
  }

  record Run(int exitCode, String output) {
    List<String> lines(String target) {
      return output.lines().filter(l -> l.startsWith("[" + target + "] ")).toList();
    }

    String tableRow(String target) {
      return output.lines().filter(l -> l.startsWith(target + " ")).reduce((a, b) -> b).orElse("");
    }
  }

  /** Every path under {@code root} with its type, mode and content hash (links: their target). */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> entries = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String key = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          entries.put(key, "link " + Files.readSymbolicLink(p));
        } else {
          String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
          entries.put(key, Files.isDirectory(p) ? "dir " + mode
              : "file " + mode + " " + io.dgxmon.deploy.plan.Payload.sha256(Files.readAllBytes(p)));
        }
      }
    }
    return entries;
  }
}
