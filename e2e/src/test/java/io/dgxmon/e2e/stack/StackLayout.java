package io.dgxmon.e2e.stack;

import java.nio.file.Path;

/**
 * Where everything of one end-to-end stack lives, under one directory: each node's stand-in for "/" (install root,
 * with its own {@code run/}), the head node's root, the emulated {@code /cm/shared} export, helper scripts, and the
 * state of every peer (sshd, Slurm, Prometheus, the cmsh simulator).
 */
public record StackLayout(Path dir) {
  public StackLayout {
    dir = dir.toAbsolutePath().normalize();
  }

  /** Node {@code name}'s install root (its "/"); {@code run/} under it is mounted as the node's /run. */
  public Path nodeRoot(String name) {
    return dir.resolve("nodes").resolve(name);
  }

  public Path headRoot() {
    return dir.resolve("head");
  }

  /**
   * Stands in for BCM's {@code /cm/shared}, which every node mounts from the head node: a link to the same path
   * under the head node's root, so what the deployer installs on the head is what the nodes (and Prometheus) read.
   */
  public Path shared() {
    return dir.resolve("cm-shared");
  }

  public Path sharedSlurmDir() {
    return shared().resolve("apps/slurm/var/cm");
  }

  public Path targetsDir() {
    return shared().resolve("apps/dgxmon/prometheus-targets");
  }

  /** Where {@link #shared()} really is: the same absolute path inside the head node's root. */
  public Path sharedOnHead() {
    return headRoot().resolve(dir.getRoot().relativize(shared()));
  }

  public Path bin() {
    return dir.resolve("bin");
  }

  /** The nodes' BMC power reader (a fake ipmitool: there is no BMC here). */
  public Path ipmitool() {
    return bin().resolve("ipmitool");
  }

  public Path nodeExec() {
    return bin().resolve("node-exec");
  }

  /** slurm.conf Prolog= (the generic runner); {@link #epilog()} is the same script under another name. */
  public Path prolog() {
    return bin().resolve("prolog");
  }

  public Path epilog() {
    return bin().resolve("epilog");
  }

  public Path nvmlDir() {
    return dir.resolve("nvml");
  }

  /** The NVML stub's scenario for node {@code name} (each node has its own GPUs). */
  public Path nvmlScenario(String name) {
    return nvmlDir().resolve(name + ".scenario");
  }

  public Path cmshDir() {
    return dir.resolve("cmsh");
  }

  public Path cmshState() {
    return cmshDir().resolve("cluster.json");
  }

  public Path deployDir() {
    return dir.resolve("deploy");
  }

  public Path deployConfig() {
    return deployDir().resolve("config.json");
  }

  public Path knownHosts() {
    return deployDir().resolve("known_hosts");
  }

  public Path sshDir() {
    return dir.resolve("sshd");
  }

  public Path slurmDir() {
    return dir.resolve("slurm");
  }

  public Path prometheusDir() {
    return dir.resolve("prometheus");
  }

  public Path logs() {
    return dir.resolve("logs");
  }
}
