package io.dgxmon.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.it.LoopbackCluster.Node;
import io.dgxmon.deploy.it.LoopbackCluster.Run;
import io.dgxmon.testkit.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer against real OpenSSH sshds on 127.0.5.x: eight good nodes and a head node, one node whose host key
 * changed, one with an unknown key and one unreachable; then resume, a no-change run and uninstall.
 */
class DeployOverSshIT {
  @TempDir Path tmp;
  private final List<Sshd> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(Sshd::close);
  }

  private Sshd sshd(String name, Map<String, String> addresses) throws Exception {
    Sshd s = Sshd.start(Files.createDirectories(tmp.resolve(name)), addresses);
    servers.add(s);
    return s;
  }

  @Test
  void deployResumeRerunAndUninstall() throws Exception {
    LoopbackCluster c = new LoopbackCluster(tmp.resolve("w"));
    Map<String, String> addresses = new LinkedHashMap<>();
    for (int i = 1; i <= 8; i++) {
      addresses.put("127.0.5." + i, String.format("dgx-%02d", i));
    }
    addresses.put("127.0.5.10", "head");
    Sshd main = sshd("main", addresses);
    Sshd rekeyed = sshd("rekeyed", Map.of("127.0.5.9", "dgx-09"));
    LoopbackCluster.authorize(main, rekeyed, tmp.resolve("rekeyed"));

    List<Node> nodes = new ArrayList<>();
    addresses.forEach((a, n) -> {
      if (!n.equals("head")) {
        nodes.add(new Node(n, a, main.port()));
      }
    });
    nodes.add(new Node("dgx-09", "127.0.5.9", rekeyed.port()));
    nodes.add(new Node("dgx-10", "127.0.5.11", main.port()));   // nothing listens there
    Node head = new Node("head", "127.0.5.10", main.port());
    List<String> all = new ArrayList<>(nodes.stream().map(Node::name).toList());
    all.add("head");
    for (String n : all) {
      Files.createDirectories(c.root(n).resolve("etc"));
      Files.writeString(c.root(n).resolve("etc/hostname"), n + "\n");
    }
    Files.createDirectories(c.root("dgx-01").resolve("cm/local/apps/slurm/var/prologs"));
    Files.writeString(c.root("dgx-01").resolve("cm/local/apps/slurm/var/prologs/50-other.sh"), "#!/bin/sh\n");
    Map<String, Map<String, String>> before = new LinkedHashMap<>();
    for (String n : all) {
      before.put(n, LoopbackCluster.snapshot(c.root(n)));
    }

    StringBuilder known = new StringBuilder();
    for (String a : addresses.keySet()) {
      if (!a.equals("127.0.5.8")) {
        known.append(main.knownHostsLine(a)).append('\n');
      }
    }
    known.append(rekeyed.knownHostsLine("127.0.5.9")).append('\n');
    Files.writeString(c.knownHosts, known);
    rekeyed.restartWithNewHostKey();
    Files.writeString(c.config, c.configJson(main.clientPrivateKey(), head, nodes, ""));

    // 1. First run: seven nodes and the head succeed; the changed key, the unknown key and the dead address fail.
    Run first = c.deploy();
    assertEquals(1, first.exitCode(), first.output());
    for (int i = 1; i <= 7; i++) {
      String n = String.format("dgx-%02d", i);
      assertTrue(first.tableRow(n).matches(n + " +8/8 +- +ok.*"), first.tableRow(n) + "\n" + first.output());
      assertNodeInstalled(c.root(n));
    }
    assertTrue(first.tableRow("head").contains("ok"), first.output());
    assertHeadInstalled(c.root("head"));
    assertTrue(first.tableRow("dgx-09").contains("HOST KEY CHANGED for [127.0.5.9]:" + rekeyed.port()),
        first.output());
    assertTrue(first.tableRow("dgx-08").contains("ssh-keyscan -p " + main.port() + " 127.0.5.8 >> " + c.knownHosts),
        first.output());
    assertTrue(first.tableRow("dgx-10").contains("cannot connect to [127.0.5.11]:" + main.port()), first.output());
    assertFalse(Files.exists(c.root("dgx-09").resolve("opt")));
    assertEquals(List.of("[dgx-01] preflight", "[dgx-01] runtime", "[dgx-01] exporter-jar", "[dgx-01] config",
        "[dgx-01] exporter-unit", "[dgx-01] slurm-links", "[dgx-01] exporter-user", "[dgx-01] enable"),
        first.lines("dgx-01").stream().filter(l -> !l.contains("WARNING"))
            .map(l -> l.substring(0, l.indexOf(':'))).toList());
    // A temp install root is no OS tree: the user step says so and creates nothing (SystemUserCommandTest covers
    // useradd --root into an image).
    assertTrue(first.lines("dgx-01").stream().anyMatch(l -> l.startsWith("[dgx-01] exporter-user: no "
        + c.root("dgx-01") + "/etc/passwd: user dgxmon not created")), first.lines("dgx-01").toString());

    // 2. Fix them: the operator accepts the reinstalled key, the unknown one is recorded on first contact, and the
    //    dead node's sshd comes up (on another port: the config changes, but no step's content does).
    String withoutOldKey = String.join("\n", Files.readString(c.knownHosts).lines()
        .filter(l -> !l.startsWith("[127.0.5.9]")).toList());
    Files.writeString(c.knownHosts, withoutOldKey + "\n" + rekeyed.knownHostsLine("127.0.5.9") + "\n");
    Sshd late = sshd("late", Map.of("127.0.5.11", "dgx-10"));
    LoopbackCluster.authorize(main, late, tmp.resolve("late"));
    Files.writeString(c.knownHosts, late.knownHostsLine("127.0.5.11") + "\n", java.nio.file.StandardOpenOption.APPEND);
    nodes.set(nodes.size() - 1, new Node("dgx-10", "127.0.5.11", late.port()));
    Files.writeString(c.config, c.configJson(main.clientPrivateKey(), head, nodes, ""));

    Run resumed = c.deploy("--resume", "--accept-new-host-keys");
    assertEquals(0, resumed.exitCode(), resumed.output());
    for (int i = 1; i <= 7; i++) {
      String n = String.format("dgx-%02d", i);
      List<String> lines = resumed.lines(n).stream().filter(l -> !l.contains("preflight")).toList();
      assertTrue(lines.stream().allMatch(l -> l.endsWith("done earlier (resume)")), lines.toString());
    }
    for (String n : List.of("dgx-08", "dgx-09", "dgx-10")) {
      assertTrue(resumed.tableRow(n).matches(n + " +8/8 +- +ok.*"), resumed.output());
      assertNodeInstalled(c.root(n));
    }
    assertTrue(Files.readString(c.knownHosts).contains("[127.0.5.8]:" + main.port() + " ssh-ed25519 "));

    // 3. A full run with nothing changed uploads nothing.
    Run again = c.deploy();
    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.output().contains("11 target(s), 0 failed; 0 upload(s), 0.0 MiB"), again.output());

    // 4. A changed port and the BMC reading turned on redo only the steps that depend on them.
    Files.writeString(c.config, c.configJson(main.clientPrivateKey(), head, nodes, "  \"ports\": {\"cgroup\": 9999},\n"
        + "  \"exporter\": {\"energy\": {\"ipmiTool\": \"ipmitool\"}},\n"));
    Run changed = c.deploy("--resume");
    assertEquals(0, changed.exitCode(), changed.output());
    List<String> dgx01 = changed.lines("dgx-01");
    assertTrue(dgx01.stream().anyMatch(l -> l.startsWith("[dgx-01] config: updated (1 upload")), dgx01.toString());
    assertTrue(dgx01.contains("[dgx-01] runtime: done earlier (resume)"), dgx01.toString());
    assertTrue(dgx01.contains("[dgx-01] exporter-jar: done earlier (resume)"), dgx01.toString());
    assertTrue(dgx01.contains("[dgx-01] slurm-links: done earlier (resume)"), dgx01.toString());
    String exporterJson = Files.readString(c.root("dgx-01").resolve("etc/dgxmon/exporter.json"));
    assertTrue(exporterJson.contains("\":9999\""), exporterJson);
    assertTrue(exporterJson.contains("\"ipmi.tool\": \"ipmitool\""), exporterJson);

    // 5. verify finds everything in place; then a removed file is reported.
    Run verified = c.deploy("verify");
    assertEquals(0, verified.exitCode(), verified.output());
    // Every root here is a directory, not a booted node: the exporter's --check is skipped with a note.
    assertTrue(verified.lines("dgx-01").contains("[dgx-01] exporter --check: skipped: installed under "
        + c.root("dgx-01") + ", where nothing runs (a software image: run it on a node booted from the image)"),
        verified.output());
    Files.delete(c.root("dgx-03").resolve("etc/dgxmon/exporter.json"));
    Run broken = c.deploy("verify");
    assertEquals(1, broken.exitCode(), broken.output());
    assertTrue(broken.tableRow("dgx-03").contains("/etc/dgxmon/exporter.json is missing or differs"), broken.output());

    // 6. Uninstall leaves every root as it was.
    Run removed = c.deploy("uninstall");
    assertEquals(0, removed.exitCode(), removed.output());
    for (String n : all) {
      assertEquals(before.get(n), LoopbackCluster.snapshot(c.root(n)), n + "\n" + removed.output());
    }
  }

  static void assertNodeInstalled(Path root) throws Exception {
    assertMode(root.resolve("opt/dgxmon/runtime/bin/java"), "rwxr-xr-x");
    assertTrue(Files.isRegularFile(root.resolve("opt/dgxmon/runtime/lib/modules")));
    assertMode(root.resolve("opt/dgxmon/lib/dgxmon-exporter.jar"), "rw-r--r--");
    assertMode(root.resolve("etc/dgxmon/exporter.json"), "rw-r--r--");
    assertMode(root.resolve("etc/dgxmon/slurm.env"), "rw-r--r--");
    assertMode(root.resolve("etc/systemd/system/dgxmon-exporter.service"), "rw-r--r--");
    assertEquals(Path.of("/etc/systemd/system/dgxmon-exporter.service"),
        Files.readSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/dgxmon-exporter.service")));
    assertEquals(Path.of("/cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh"),
        Files.readSymbolicLink(root.resolve("cm/local/apps/slurm/var/prologs/60-prolog-dgxmon.sh")));
    assertEquals(Path.of("/cm/shared/apps/slurm/var/cm/epilog-dgxmon.sh"),
        Files.readSymbolicLink(root.resolve("cm/local/apps/slurm/var/epilogs/60-epilog-dgxmon.sh")));
  }

  static void assertHeadInstalled(Path root) throws Exception {
    assertMode(root.resolve("cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh"), "rwxr-xr-x");
    assertMode(root.resolve("cm/shared/apps/slurm/var/cm/epilog-dgxmon.sh"), "rwxr-xr-x");
    assertMode(root.resolve("cm/shared/apps/slurm/var/cm/check-dgxmon.sh"), "rwxr-xr-x");
    assertMode(root.resolve("opt/dgxmon/lib/dgxmon-role-monitor.jar"), "rw-r--r--");
    assertMode(root.resolve("etc/dgxmon/role-monitor.json"), "rw-r--r--");
    assertMode(root.resolve("etc/dgxmon/prometheus-dgxmon.yml"), "rw-r--r--");
    assertTrue(Files.isDirectory(root.resolve("cm/shared/apps/dgxmon/prometheus-targets")));
    assertTrue(Files.isSymbolicLink(
        root.resolve("etc/systemd/system/multi-user.target.wants/dgxmon-role-monitor.service")));
  }

  static void assertMode(Path file, String mode) throws Exception {
    assertTrue(Files.isRegularFile(file), file + " is missing");
    assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
  }
}
