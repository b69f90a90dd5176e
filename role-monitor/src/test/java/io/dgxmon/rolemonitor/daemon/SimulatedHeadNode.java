package io.dgxmon.rolemonitor.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgxmon.rolemonitor.RoleMonitorCommand;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.ClusterState.Category;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.ClusterState.Overlay;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * A BCM head node for tests: a simulated cluster (state file + fake cmsh), a targets directory and a
 * monitor config; {@link #once()} runs {@code dgxmon-role-monitor --once} in-process.
 */
final class SimulatedHeadNode {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a run returned, logged (stderr) and printed (stdout). */
  record Run(int exitCode, String log, String out) {}

  final Path stateFile;
  final Path targets;
  final Path cmsh;
  final Path configFile;
  final ClusterState state;
  private final ObjectNode config;

  /**
   * dgx-01 (category dgx carries slurmclient), dgx-02 (overlay by node), dgx-03 (overlay by category
   * cpu), dgx-04 (role on the node), dgx-05 (no role), a head node covered by an all-head-nodes overlay, a switch.
   */
  SimulatedHeadNode(Path dir) throws IOException {
    stateFile = dir.resolve("cluster.json");
    targets = dir.resolve("targets");
    configFile = dir.resolve("role-monitor.json");
    state = cluster();
    save();
    cmsh = CmshSimulator.install(dir.resolve("bin"), stateFile);
    config = JSON.createObjectNode();
    config.putArray("cmsh").add(cmsh.toString());
    config.put("targetsDir", targets.toString());
    config.put("metricsListenAddress", "off");
    config.put("cmshTimeoutSeconds", 30);
    writeConfig();
  }

  /** The cluster described at the constructor, as a fresh state (for in-process simulator runs too). */
  static ClusterState cluster() {
    ClusterState state = new ClusterState();
    state.nodes.add(Node.head("basecm11", "127.0.4.254"));
    state.nodes.add(Node.physical("dgx-01", "dgx", "127.0.4.11"));
    state.nodes.add(Node.physical("dgx-02", "spare", "127.0.4.12"));
    state.nodes.add(Node.physical("dgx-03", "cpu", "127.0.4.13"));
    state.nodes.add(Node.physical("dgx-04", "spare", "127.0.4.14", "slurmclient"));
    state.nodes.add(Node.physical("dgx-05", "spare", "127.0.4.15"));
    state.nodes.add(Node.device("Switch", "leaf01", "127.0.4.250"));
    state.categories.add(Category.of("dgx", "slurmclient", "cgroupsupervisor"));
    state.categories.add(Category.of("spare"));
    state.categories.add(Category.of("cpu"));
    state.overlays.add(Overlay.of("slurm-client", List.of("dgx-02"), List.of("cpu"), "slurmclient"));
    Overlay server = Overlay.of("slurm-server", List.of(), List.of(), "slurmserver", "slurmclient");
    server.allheadnodes = true;
    state.overlays.add(server);
    return state;
  }

  void save() {
    state.write(stateFile);
  }

  Node node(String hostname) {
    return state.nodes.stream().filter(n -> n.hostname.equals(hostname)).findFirst().orElseThrow();
  }

  /** Sets (or replaces) one top-level config key from a JSON value. */
  SimulatedHeadNode set(String key, String jsonValue) throws IOException {
    config.set(key, JSON.readTree(jsonValue));
    writeConfig();
    return this;
  }

  private void writeConfig() throws IOException {
    Files.writeString(configFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
  }

  Run once() {
    return run("--once");
  }

  /** {@code dgxmon-role-monitor <args> --config <this head node's config>}, in-process. */
  Run run(String... args) {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--config", configFile.toString()));
    int rc = new CommandLine(new RoleMonitorCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(out))
        .execute(all.toArray(String[]::new));
    return new Run(rc, err.toString(), out.toString());
  }

  /** Names in the targets directory, hidden ones included. */
  TreeSet<String> files() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    if (Files.isDirectory(targets)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(targets)) {
        s.forEach(p -> names.add(p.getFileName().toString()));
      }
    }
    return names;
  }

  int cmshCalls() {
    return CmshSimulator.invocations(stateFile).size();
  }
}
