package io.dgxmon.deploy.bench;

import io.dgxmon.testkit.Sshd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs src/test/resources/bench/dgxmon-push.yml with Debian's ansible-playbook against the benchmark's nodes, tuned
 * as the issue asks (forks 32, ControlPersist, pipelining, no fact gathering), with the same strict host-key
 * checking and key exchange as the plain-OpenSSH reference. {@link #close()} stops the ControlPersist masters.
 */
final class AnsiblePush implements AutoCloseable {
  private static final List<Path> PLAYBOOK_COMMANDS =
      List.of(Path.of("/usr/bin/ansible-playbook"), Path.of("/usr/local/bin/ansible-playbook"));
  private final Path command;
  private final Path dir;
  private final Path controlDir;
  private final Path config;
  private final Path inventory;
  private final Path playbook;
  private final Sshd sshd;
  private final Path runtimeTar;
  private final Path exporterJar;

  AnsiblePush(Path command, Path dir, Sshd sshd, Path known, Path src) throws IOException {
    this.command = command;
    this.dir = Files.createDirectories(dir);
    this.sshd = sshd;
    // Unix socket paths are limited to 108 bytes: keep the ControlPath short.
    this.controlDir = Files.createTempDirectory(Path.of("/tmp"), "dgxmon-cp");
    this.config = dir.resolve("ansible.cfg");
    this.inventory = dir.resolve("inventory.ini");
    this.playbook = playbookFile();
    this.runtimeTar = src.resolve(".dgxmon-build/runtime-linux-x86_64.tar");
    this.exporterJar = src.resolve("exporter/target/dgxmon-exporter.jar");
    Files.writeString(config, String.join("\n",
        "[defaults]",
        "forks = 32",
        "host_key_checking = True",
        "gathering = explicit",
        "interpreter_python = /usr/bin/python3",
        "retry_files_enabled = False",
        "local_tmp = " + dir.resolve("local-tmp"),
        "[ssh_connection]",
        "pipelining = True",
        "control_path_dir = " + controlDir,
        "control_path = %(directory)s/%%C",
        "ssh_args = -F /dev/null -o ControlMaster=auto -o ControlPersist=60s -o KexAlgorithms=curve25519-sha256"
            + " -o UserKnownHostsFile=" + known + " -o GlobalKnownHostsFile=/dev/null"
            + " -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o BatchMode=yes",
        ""));
  }

  /** ansible-playbook when installed, else null. */
  static Path find() {
    return PLAYBOOK_COMMANDS.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  /** One inventory line per node: its address, install root and the deployer's dry-run output for it. */
  void inventory(Map<String, String> addresses, Function<String, String> root, Function<String, Path> rendered)
      throws IOException {
    List<String> lines = new ArrayList<>(List.of("[nodes]"));
    addresses.forEach((address, node) -> lines.add(node + " ansible_host=" + address + " root=" + root.apply(address)
        + " rendered=" + rendered.apply(address)));
    lines.addAll(List.of("[nodes:vars]", "ansible_user=root", "ansible_port=" + sshd.port(),
        "ansible_ssh_private_key_file=" + sshd.clientPrivateKey(), ""));
    Files.write(inventory, lines);
  }

  void run() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command.toString(), "-i", inventory.toString(), playbook.toString(),
        "-e", "runtime_tar=" + runtimeTar, "-e", "exporter_jar=" + exporterJar)
        .redirectErrorStream(true).redirectOutput(dir.resolve("ansible.log").toFile());
    pb.environment().put("ANSIBLE_CONFIG", config.toString());
    pb.environment().put("ANSIBLE_HOME", dir.resolve("home").toString());
    int code = pb.start().waitFor();
    if (code != 0) {
      throw new IllegalStateException("ansible-playbook failed (exit " + code + "):\n"
          + String.join("\n", tail(Files.readAllLines(dir.resolve("ansible.log")), 30)));
    }
  }

  /** Stops every ControlPersist master this run left (one socket each), through ssh -O exit. */
  @Override
  public void close() throws IOException, InterruptedException {
    List<Path> sockets;
    try (Stream<Path> s = Files.list(controlDir)) {
      sockets = s.toList();
    }
    for (Path socket : sockets) {
      new ProcessBuilder("ssh", "-F", "/dev/null", "-o", "ControlPath=" + socket, "-O", "exit", "bench-node")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
    new ProcessBuilder("rm", "-rf", controlDir.toString()).start().waitFor();
  }

  private static Path playbookFile() {
    try {
      return Path.of(AnsiblePush.class.getResource("/bench/dgxmon-push.yml").toURI());
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  private static List<String> tail(List<String> lines, int n) {
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }
}
