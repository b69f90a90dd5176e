package io.dgxmon.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Slurm 22.05 cluster on this one host for tests: a private munged, slurmctld and N slurmd
 * (one per node, each with its own port and loopback NodeAddr), fake GPUs as char devices. Node
 * names are unique per instance so concurrent clusters never share cgroup directories. A port taken between
 * probing and binding is retried on fresh ports, as the other harnesses do.
 */
public final class SlurmCluster implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;
  private static final String PORT_TAKEN = "Address already in use";
  private static final Pattern JOB_STATE = Pattern.compile("\\bJobState=(\\S+)");
  private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT",
      "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED");

  private SlurmConfig config;
  private final SlurmTools tools;
  private Munged munged;
  private Daemon controller;
  private final List<Daemon> nodeDaemons = new ArrayList<>();

  private SlurmCluster(SlurmConfig config, SlurmTools tools) {
    this.config = config;
    this.tools = tools;
  }

  public static Builder builder(Path workDir) {
    return new Builder(workDir);
  }

  public List<String> nodeNames() {
    return config.nodeNames();
  }

  public String nodeAddress(String node) {
    return config.nodes().stream().filter(n -> n.name().equals(node)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node '" + node + "' in " + nodeNames()))
        .address();
  }

  public Path slurmConf() {
    return config.slurmConf();
  }

  public Path devDir() {
    return config.devDir();
  }

  public Path logDir() {
    return config.logDir();
  }

  /** The environment for Slurm's client commands (srun, sbatch, scontrol, sinfo, squeue). */
  public Map<String, String> env() {
    return Map.of("SLURM_CONF", slurmConf().toString());
  }

  public ProcessResult srun(Duration timeout, String... args) {
    return run(timeout, tools.srun(), args);
  }

  /** Submits a batch job (working dir {@code workDir/jobs} unless args say otherwise); returns its id. */
  public long sbatch(String... args) {
    List<String> all = new ArrayList<>(List.of("--parsable", "--chdir=" + config.dir().resolve("jobs")));
    all.addAll(List.of(args));
    ProcessResult result = run(COMMAND_TIMEOUT, tools.sbatch(), all.toArray(String[]::new)).assertSuccess("sbatch");
    return Long.parseLong(result.stdout().trim().split(";")[0]);
  }

  /** PENDING, RUNNING, COMPLETED, FAILED, ... as scontrol reports it. */
  public String jobState(long jobId) {
    ProcessResult show = scontrol("show", "job", "-o", Long.toString(jobId)).assertSuccess("scontrol show job " + jobId);
    Matcher state = JOB_STATE.matcher(show.stdout());
    if (!state.find()) {
      throw new IllegalStateException("no JobState in scontrol output: " + show.stdout());
    }
    return state.group(1);
  }

  /** Waits for {@code state}; fails at once if the job ends in another final state. */
  public void awaitJobState(long jobId, String state, Duration timeout) {
    Await.until("job " + jobId + " in state " + state, timeout, Duration.ofMillis(100), () -> jobState(jobId),
        current -> {
          if (!current.equals(state) && FINAL_STATES.contains(current)) {
            throw new AssertionError("job " + jobId + " ended " + current + ", expected " + state + ":\n"
                + scontrol("show", "job", Long.toString(jobId)).stdout() + Daemon.tails(logDir(), 25));
          }
          return current.equals(state);
        });
  }

  /** The node's state as sinfo reports it, upper case: IDLE, ALLOCATED, MIXED, DRAINED, DOWN*, ... */
  public String nodeState(String node) {
    nodeAddress(node);
    return run(COMMAND_TIMEOUT, tools.sinfo(), "-h", "-N", "-n", node, "-o", "%T")
        .assertSuccess("sinfo -n " + node).stdout().trim().toUpperCase();
  }

  public ProcessResult scontrol(String... args) {
    return run(COMMAND_TIMEOUT, tools.scontrol(), args);
  }

  /** Shuts the cluster down, kills what is left by PID, removes its cgroups, stops munged, removes its sockets. */
  @Override
  public void close() {
    stopSlurmDaemons();
    SlurmCgroups.removeForNodes(nodeNames());
    if (munged != null) {
      munged.close();
      munged = null;
    }
    SocketDirs.delete(config.socketDir());
  }

  private void stopSlurmDaemons() {
    if (controller != null && controller.isAlive()) {
      try {
        scontrol("shutdown");
      } catch (RuntimeException e) {
        // The daemons are killed by PID below.
      }
    }
    List<Daemon> all = new ArrayList<>(nodeDaemons);
    if (controller != null) {
      all.add(controller);
    }
    all.forEach(d -> d.awaitExit(Duration.ofSeconds(5)));
    all.forEach(Daemon::close);
    nodeDaemons.clear();
    controller = null;
  }

  private void start() {
    munged = Munged.start(config.dir().resolve("munge"), config.mungeSocketDir());
    FakeGpus.create(config.devDir(), config.gpusPerNode(), tools);
    TextFiles.createDirectories(config.stateDir(), config.runDir(), config.dir().resolve("jobs"));
    config.nodeNames().forEach(n -> TextFiles.createDirectories(config.spoolDir().resolve(n)));
    TextFiles.write(config.dir().resolve("gres.conf"), config.gresConfText());
    TextFiles.write(config.dir().resolve("cgroup.conf"), SlurmConfig.cgroupConfText());
    for (int attempt = 1; ; attempt++) {
      try {
        startSlurmDaemons();
        return;
      } catch (IllegalStateException e) {
        // A port taken between FreePorts' probe and a daemon's bind is worth another try; anything else is not.
        if (attempt == START_ATTEMPTS || !e.getMessage().contains(PORT_TAKEN)) {
          throw e;
        }
        stopSlurmDaemons();
        TextFiles.move(config.logDir(), config.dir().resolve("log-attempt-" + attempt));
        config = config.withFreshPorts();
      }
    }
  }

  /** slurmctld and every slurmd on the config's ports, until every node is idle. */
  private void startSlurmDaemons() {
    TextFiles.createDirectories(config.logDir());
    TextFiles.write(config.slurmConf(), config.slurmConfText());
    String conf = slurmConf().toString();
    // -D: foreground, so the PIDs we hold are the daemons'; -i: a fresh state dir has no state files.
    controller = Daemon.start("slurmctld", List.of(tools.slurmctld().toString(), "-D", "-i", "-f", conf), env(),
        config.logDir().resolve("slurmctld.out"));
    for (String node : nodeNames()) {
      nodeDaemons.add(Daemon.start("slurmd " + node, List.of(tools.slurmd().toString(), "-D", "-N", node, "-f", conf),
          env(), config.logDir().resolve("slurmd-" + node + ".out")));
    }
    awaitIdle();
  }

  private void awaitIdle() {
    AtomicReference<String> states = new AtomicReference<>("");
    boolean idle = Await.whileAlive(IDLE_TIMEOUT, Duration.ofMillis(100), this::everyDaemonAlive, () -> {
      states.set(run(COMMAND_TIMEOUT, tools.sinfo(), "-h", "-N", "-o", "%N %T").stdout());
      return states.get().lines().count() == nodeNames().size()
          && states.get().lines().allMatch(l -> l.endsWith(" idle"));
    });
    if (!idle) {
      throw new IllegalStateException("slurm nodes " + nodeNames() + " not idle within " + IDLE_TIMEOUT
          + "; sinfo: " + states.get() + Daemon.tails(logDir(), 25));
    }
  }

  private boolean everyDaemonAlive() {
    return controller.isAlive() && nodeDaemons.stream().allMatch(Daemon::isAlive);
  }

  private ProcessResult run(Duration timeout, Path program, String... args) {
    List<String> command = new ArrayList<>(List.of(program.toString()));
    command.addAll(List.of(args));
    return Processes.run(timeout, env(), command);
  }

  /** Collects the cluster's shape; {@link #start()} writes the configs and starts every daemon. */
  public static final class Builder {
    private final Path workDir;
    private int nodes = 1;
    private int gpusPerNode = 4;
    private String firstAddress = "127.0.1.11";
    private Path prolog;
    private Path epilog;
    private String prologFlags;
    private String extraSlurmConf = "";
    private int firstControllerPort;

    private Builder(Path workDir) {
      this.workDir = workDir.toAbsolutePath();
    }

    public Builder nodes(int n) {
      this.nodes = requireRange("nodes", n, 1, 64);
      return this;
    }

    /** Fake GPUs per node: char devices {@code mknod c 195 N} in {@link SlurmCluster#devDir()}. */
    public Builder gpusPerNode(int n) {
      this.gpusPerNode = requireRange("gpusPerNode", n, 1, 16);
      return this;
    }

    /** NodeAddr of the first node; the next nodes get the following addresses. */
    public Builder firstAddress(String addr) {
      this.firstAddress = addr;
      return this;
    }

    public Builder prolog(Path script) {
      this.prolog = requireExecutable("prolog", script);
      return this;
    }

    public Builder epilog(Path script) {
      this.epilog = requireExecutable("epilog", script);
      return this;
    }

    public Builder prologFlags(String flags) {
      this.prologFlags = flags;
      return this;
    }

    public Builder extraSlurmConf(String lines) {
      this.extraSlurmConf = lines;
      return this;
    }

    /** The port slurmctld tries first (tests of the retry give a taken one); normally a free one is probed. */
    Builder firstControllerPort(int port) {
      this.firstControllerPort = port;
      return this;
    }

    /** Starts everything and waits (up to 30 s) until every node is idle; the error shows the logs. */
    public SlurmCluster start() {
      SlurmTools tools = SlurmTools.require();
      String prefix = SlurmConfig.randomClusterName();
      int controllerPort = firstControllerPort != 0 ? firstControllerPort : FreePorts.find();
      SlurmConfig config = new SlurmConfig(prefix, SlurmTools.hostname(), workDir, SocketDirs.create(),
          controllerPort, SlurmConfig.nodes(prefix, firstAddress, nodes), gpusPerNode, workDir.resolve("dev"),
          Optional.ofNullable(prolog), Optional.ofNullable(epilog), Optional.ofNullable(prologFlags), extraSlurmConf);
      SlurmCluster cluster = new SlurmCluster(config, tools);
      try {
        cluster.start();
        return cluster;
      } catch (RuntimeException | Error e) {
        cluster.close();
        throw e;
      }
    }

    private static int requireRange(String what, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(what + " = " + value + ", expected " + min + ".." + max);
      }
      return value;
    }

    private static Path requireExecutable(String what, Path script) {
      Path absolute = script.toAbsolutePath();
      if (!Files.isRegularFile(absolute) || !Files.isExecutable(absolute)) {
        throw new IllegalArgumentException(what + " script " + absolute + " is not an executable file");
      }
      return absolute;
    }
  }
}
