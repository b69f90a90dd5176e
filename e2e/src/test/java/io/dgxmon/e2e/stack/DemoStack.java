package io.dgxmon.e2e.stack;

import io.dgxmon.testkit.FreePorts;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.RequiredTool;
import io.dgxmon.testkit.SlurmCluster;
import io.dgxmon.testkit.Sshd;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The whole dgxmon loop on one machine, installed by {@code ./setup.sh --config} over real SSH: a real 3-node Slurm
 * (4 fake GPUs each) whose prolog/epilog are the installed dgxmon scripts, each node's installed exporter on the NVML
 * stub, the installed role monitor asking the cmsh simulator, and a real Prometheus with the project's sample config
 * and rules scraping what the role monitor wrote. Used by WholeLoopIT and by {@code ./setup.sh --demo}.
 */
public final class DemoStack implements AutoCloseable {
  public static final String HEAD_NAME = "bcm-head";
  static final String HEAD_ADDRESS = "127.0.8.10";
  static final String FIRST_NODE_ADDRESS = "127.0.8.11";
  static final int NODES = 3;
  /** The exporter jobs the role monitor writes targets for and dgxmon serves (node_exporter is not ours). */
  public static final String DGXMON_JOBS = "dcgm_exporter|gpu_exporter|cgroup_exporter";
  private static final Duration TARGETS_TIMEOUT = Duration.ofSeconds(45);

  private final StackLayout layout;
  private final Consumer<String> progress;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private Topology topology;
  private SlurmCluster slurm;
  private Prometheus prometheus;
  private SimulatedBcm bcm;

  /** A stack under {@code dir}, not started yet; {@link #close()} may be called at any time, also during start. */
  public DemoStack(Path dir, Consumer<String> progress) {
    this.layout = new StackLayout(dir);
    this.progress = progress;
  }

  /** Builds and starts everything under {@code dir}; on failure stops what it started and rethrows. */
  public static DemoStack start(Path dir, Consumer<String> progress) throws IOException {
    return new DemoStack(dir, progress).start();
  }

  public DemoStack start() throws IOException {
    try {
      startAll();
      return this;
    } catch (IOException | RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void startAll() throws IOException {
    RequiredTool.require("unshare", "util-linux");
    RequiredTool.require("mount", "mount");
    StackFiles.installScripts(layout);
    progress.accept("compiling the NVML stub (fake libnvidia-ml.so.1)");
    Path nvml = NvmlStub.build(layout.nvmlDir());
    progress.accept("starting Slurm: munged, slurmctld, " + NODES + " slurmd with " + StackFiles.GPUS_PER_NODE
        + " fake GPUs each");
    slurm = keep(SlurmCluster.builder(layout.slurmDir()).nodes(NODES).gpusPerNode(StackFiles.GPUS_PER_NODE)
        .firstAddress(FIRST_NODE_ADDRESS).prolog(layout.prolog()).epilog(layout.epilog())
        .extraSlurmConf("FirstJobId=" + firstJobId() + "\n").start());
    topology = new Topology(HEAD_NAME, HEAD_ADDRESS, nodeAddresses(slurm), exporterPorts());
    StackFiles.createRoots(layout, topology);
    StackFiles.writeScenarios(layout, topology);
    checkNodeNamespaces();
    progress.accept("starting sshd for " + topology.sshHosts().keySet());
    Sshd sshd = keep(Sshd.start(layout.sshDir(), topology.sshHosts()));
    Files.createDirectories(layout.deployDir());
    sshd.writeKnownHosts(layout.knownHosts());
    bcm = SimulatedBcm.create(layout, topology);
    deploy(new DeployConfigFile.Inputs(sshd.port(), sshd.clientPrivateKey(), nvml, bcm.cmsh()));
    progress.accept("starting Prometheus with docs/prometheus/prometheus.yml and rules.yml");
    prometheus = keep(Prometheus.start(layout.prometheusDir(), prometheusYml()));
    startExporters();
    progress.accept("running the installed role monitor --once against the cmsh simulator");
    roleMonitorOnce().assertSuccess("dgxmon-role-monitor --once");
  }

  /** Says so up front when this machine cannot give each node its own /run (the prologs would drain the nodes). */
  private void checkNodeNamespaces() {
    String node = topology.nodes().get(0);
    Processes.run(Duration.ofSeconds(30), Map.of(), List.of(layout.nodeExec().toString(), node, "true"))
        .assertSuccess("node-exec (a private mount namespace per node: unshare --mount and mount --bind, as root)");
  }

  private void deploy(DeployConfigFile.Inputs inputs) throws IOException {
    Files.writeString(layout.deployConfig(), DeployConfigFile.render(layout, topology, inputs));
    progress.accept("deploying with ./setup.sh --config " + layout.deployConfig());
    ProcessResult result = SetupScript.run(layout.logs().resolve("deploy.log"), "--config",
        layout.deployConfig().toString());
    result.assertSuccess("./setup.sh --config " + layout.deployConfig());
  }

  private void startExporters() throws IOException {
    progress.accept("starting each node's installed exporter");
    List<InstalledExporter> exporters = new ArrayList<>();
    for (String node : topology.nodes()) {
      exporters.add(keep(InstalledExporter.start(layout, topology, node)));
    }
    exporters.forEach(InstalledExporter::awaitListening);
  }

  private String prometheusYml() throws IOException {
    Path docs = RepositoryRoot.get().resolve("docs/prometheus");
    return StackPrometheusConfig.from(Files.readString(docs.resolve("prometheus.yml")), layout.targetsDir(),
        docs.resolve("rules.yml"));
  }

  /** Runs the head node's installed role monitor once against the simulator's current state. */
  public ProcessResult roleMonitorOnce() throws IOException {
    return bcm.roleMonitorOnce();
  }

  /** Waits until Prometheus scrapes every dgxmon endpoint of every node that still has the role. */
  public void awaitTargetsUp(int nodes) {
    prometheus.awaitQuery("up{job=~\"" + DGXMON_JOBS + "\"} == 1", r -> r.size() == 3 * nodes, TARGETS_TIMEOUT);
  }

  public StackLayout layout() {
    return layout;
  }

  public Topology topology() {
    return topology;
  }

  public SlurmCluster slurm() {
    return slurm;
  }

  public Prometheus prometheus() {
    return prometheus;
  }

  public SimulatedBcm bcm() {
    return bcm;
  }

  /** Puts GPU {@code gpu} of {@code node} into MIG mode with one GPU instance {@code gi} that has GPM. */
  public void presentMig(String node, int gpu, int gi, String migUuid) {
    StackFiles.presentMig(layout, topology, node, gpu, gi, migUuid);
  }

  /** GPU utilisation the stub reports for {@code gpu} of {@code node}. */
  public int gpuUtilPercent(String node, int gpu) {
    return StackFiles.gpuUtilPercent(topology.nodes().indexOf(node), gpu);
  }

  /** Stops everything it started, newest first, by PID; never throws; a second call does nothing. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        progress.accept("while stopping: " + e);
      }
    }
  }

  private synchronized <T extends AutoCloseable> T keep(T resource) {
    running.push(resource);
    return resource;
  }

  private static Map<String, String> nodeAddresses(SlurmCluster slurm) {
    Map<String, String> addresses = new LinkedHashMap<>();
    slurm.nodeNames().forEach(n -> addresses.put(n, slurm.nodeAddress(n)));
    return addresses;
  }

  private static Topology.Ports exporterPorts() {
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < 3) {
      ports.add(FreePorts.find());
    }
    List<Integer> p = List.copyOf(ports);
    return new Topology.Ports(p.get(0), p.get(1), p.get(2));
  }

  /**
   * Job ids start at a random number: the exporters read every slurm_* cgroup on this host, so a job of another
   * test's cluster with the same id would otherwise look like ours.
   */
  private static long firstJobId() {
    return ThreadLocalRandom.current().nextLong(100_000, 9_000_000);
  }
}
