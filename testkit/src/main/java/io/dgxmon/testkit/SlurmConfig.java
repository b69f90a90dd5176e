package io.dgxmon.testkit;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders slurm.conf, gres.conf and cgroup.conf for a {@link SlurmCluster}: every node on this
 * host (MULTIPLE_SLURMD), each with its own port and loopback NodeAddr, fake GPUs as char devices.
 *
 * <p>Unix sockets live in {@code socketDir}, apart from {@code dir}: slurmstepd binds
 * {@code <SlurmdSpoolDir>/<node>_<job>.<step>} and dies (fatal, before answering slurmd) when that path is longer
 * than a socket address holds, which srun reports only as "Task launch ... Unspecified error". Under a work dir
 * of random length (JUnit's and the demo's temp dirs) that happened in about one run in five.
 */
record SlurmConfig(
    String clusterName,
    String hostname,
    Path dir,
    Path socketDir,
    int controllerPort,
    List<Node> nodes,
    int gpusPerNode,
    Path devDir,
    Optional<Path> prolog,
    Optional<Path> epilog,
    Optional<String> prologFlags,
    String extraSlurmConf) {

  /** One slurmd: its name, the address it is known by, the port it listens on. */
  record Node(String name, String address, int port) {}

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  /** sun_path holds 108 bytes including the terminating NUL (unix(7)). */
  static final int MAX_SOCKET_PATH = 107;
  /** The longest id Slurm prints in a step socket's name: a 32-bit job, step and het component. */
  private static final String LONGEST_STEP = "4294967295.4294967295.4294967295";

  SlurmConfig {
    nodes = List.copyOf(nodes);
    for (Node node : nodes) {
      String socket = stepSocket(spoolDir(socketDir), node.name()).toString();
      if (socket.length() > MAX_SOCKET_PATH) {
        throw new IllegalArgumentException("slurmstepd's socket " + socket + " would be longer than a unix socket"
            + " allows (" + MAX_SOCKET_PATH + "); use a shorter socket dir than " + socketDir);
      }
    }
  }

  /** The longest socket slurmstepd may bind for {@code node}: {@code <spool>/<node>/<node>_<job>.<step>.<het>}. */
  static Path stepSocket(Path spoolDir, String node) {
    return spoolDir.resolve(node).resolve(node + "_" + LONGEST_STEP);
  }

  /** "dgx" and four random letters: the cluster name and the prefix of its node names. */
  static String randomClusterName() {
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder("dgx");
    for (int i = 0; i < 4; i++) {
      text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return text.toString();
  }

  /** Nodes {@code <prefix>1..count} on consecutive addresses from {@code firstAddress}, each on a free port. */
  static List<Node> nodes(String prefix, String firstAddress, int count) {
    String[] octets = firstAddress.split("\\.");
    if (octets.length != 4 || !SshdConfig.LOOPBACK.matcher(firstAddress).matches()) {
      throw new IllegalArgumentException("firstAddress '" + firstAddress + "' is not a 127.x.y.z address");
    }
    int last = Integer.parseInt(octets[3]);
    if (last + count - 1 > 254) {
      throw new IllegalArgumentException("firstAddress " + firstAddress + " leaves no room for " + count + " nodes");
    }
    List<Node> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String address = octets[0] + "." + octets[1] + "." + octets[2] + "." + (last + i);
      list.add(new Node(prefix + (i + 1), address, FreePorts.find()));
    }
    return list;
  }

  /** The same cluster on newly probed free ports, after a daemon found one of its ports taken. */
  SlurmConfig withFreshPorts() {
    List<Node> moved = nodes.stream().map(n -> new Node(n.name(), n.address(), FreePorts.find())).toList();
    return new SlurmConfig(clusterName, hostname, dir, socketDir, FreePorts.find(), moved, gpusPerNode, devDir,
        prolog, epilog, prologFlags, extraSlurmConf);
  }

  Path slurmConf() {
    return dir.resolve("slurm.conf");
  }

  Path logDir() {
    return dir.resolve("log");
  }

  Path stateDir() {
    return dir.resolve("state");
  }

  /** Per-node spool dirs ({@code %n}): slurmstepd's sockets, so under the short {@link #socketDir()}. */
  Path spoolDir() {
    return spoolDir(socketDir);
  }

  private static Path spoolDir(Path socketDir) {
    return socketDir.resolve("spool");
  }

  /** munged's socket's dir, also under the short {@link #socketDir()} (its key and log stay in {@link #dir()}). */
  Path mungeSocketDir() {
    return socketDir.resolve("munge");
  }

  Path mungeSocket() {
    return mungeSocketDir().resolve("munge.sock");
  }

  Path runDir() {
    return dir.resolve("run");
  }

  String slurmConfText() {
    StringBuilder text = new StringBuilder();
    line(text, "ClusterName", clusterName);
    line(text, "SlurmctldHost", hostname + "(127.0.0.1)");
    line(text, "SlurmctldPort", controllerPort);
    text.append("""
        SlurmUser=root
        SlurmdUser=root
        AuthType=auth/munge
        CredType=cred/munge
        ProctrackType=proctrack/cgroup
        TaskPlugin=task/cgroup,task/affinity
        JobAcctGatherType=jobacct_gather/cgroup
        AccountingStorageType=accounting_storage/none
        SelectType=select/cons_tres
        SelectTypeParameters=CR_Core
        GresTypes=gpu
        ReturnToService=2
        MpiDefault=none
        MailProg=/bin/true
        SlurmdParameters=config_overrides
        """);
    line(text, "AuthInfo", "socket=" + mungeSocket());
    line(text, "StateSaveLocation", stateDir());
    line(text, "SlurmdSpoolDir", spoolDir().resolve("%n"));
    line(text, "SlurmctldPidFile", runDir().resolve("slurmctld.pid"));
    line(text, "SlurmdPidFile", runDir().resolve("slurmd-%n.pid"));
    line(text, "SlurmctldLogFile", logDir().resolve("slurmctld.log"));
    line(text, "SlurmdLogFile", logDir().resolve("slurmd-%n.log"));
    prolog.ifPresent(p -> line(text, "Prolog", p));
    epilog.ifPresent(p -> line(text, "Epilog", p));
    prologFlags.ifPresent(f -> line(text, "PrologFlags", f));
    if (!extraSlurmConf.isBlank()) {
      text.append(extraSlurmConf.strip()).append('\n');
    }
    for (Node node : nodes) {
      text.append("NodeName=").append(node.name()).append(" NodeHostname=").append(hostname)
          .append(" NodeAddr=").append(node.address()).append(" Port=").append(node.port())
          .append(" CPUs=").append(cpus()).append(" RealMemory=1000 Gres=gpu:").append(gpusPerNode)
          .append(" State=UNKNOWN\n");
    }
    text.append("PartitionName=gpu Nodes=").append(String.join(",", nodeNames()))
        .append(" Default=YES MaxTime=INFINITE State=UP\n");
    return text.toString();
  }

  String gresConfText() {
    StringBuilder text = new StringBuilder("AutoDetect=off\n");
    String files = gpusPerNode == 1 ? "nvidia0" : "nvidia[0-" + (gpusPerNode - 1) + "]";
    text.append("NodeName=").append(String.join(",", nodeNames())).append(" Name=gpu File=")
        .append(devDir.resolve(files)).append('\n');
    return text.toString();
  }

  static String cgroupConfText() {
    return """
        CgroupPlugin=autodetect
        ConstrainCores=yes
        ConstrainRAMSpace=yes
        ConstrainDevices=yes
        """;
  }

  List<String> nodeNames() {
    return nodes.stream().map(Node::name).toList();
  }

  /** What this host really has, so slurmd does not drain a node for a CPU count it cannot see. */
  private static int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static void line(StringBuilder text, String key, Object value) {
    text.append(key).append('=').append(value).append('\n');
  }
}
