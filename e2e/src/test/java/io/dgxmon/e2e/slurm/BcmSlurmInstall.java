package io.dgxmon.e2e.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The repository's dgxmon Slurm scripts installed the way BCM sites install them, under a test's stand-in
 * for "/": copies in {@code cm/shared/apps/slurm/var/cm/}, {@code 60-*-dgxmon.sh} symlinks in
 * {@code cm/local/apps/slurm/var/{prologs,epilogs}/}, the generic runner as {@code cm/local/apps/cmd/scripts/
 * {prolog,epilog}}, the settings file {@code etc/dgxmon/slurm.env} and a logger that appends to a file.
 */
final class BcmSlurmInstall {
  private final Path root;

  private BcmSlurmInstall(Path root) {
    this.root = root;
  }

  static BcmSlurmInstall into(Path root) throws IOException {
    BcmSlurmInstall install = new BcmSlurmInstall(root.toAbsolutePath());
    install.installScripts(repositoryRoot().resolve("slurm"));
    install.writeLogger();
    install.writeDefaultSettings();
    return install;
  }

  /** slurm.conf Prolog= */
  Path prologRunner() {
    return root.resolve("cm/local/apps/cmd/scripts/prolog");
  }

  /** slurm.conf Epilog= */
  Path epilogRunner() {
    return root.resolve("cm/local/apps/cmd/scripts/epilog");
  }

  Path root() {
    return root;
  }

  /** Where the scripts keep node {@code node}'s files: the settings use {@code %n}, so each slurmd has its own. */
  NodeJobFiles node(String node) {
    Path run = root.resolve("run").resolve(node);
    return new NodeJobFiles(run.resolve("dcgm-job-map"), run.resolve("dgxmon/jobs"), run.resolve("gpustat"));
  }

  /** Map, job info and gpustat dirs per node under {@code <root>/run/<node>/}. */
  void writeDefaultSettings() throws IOException {
    String run = root.resolve("run") + "/%n";
    writeSettings("# dgxmon Slurm settings for this test",
        "DGXMON_JOB_MAP_DIR=" + run + "/dcgm-job-map",
        "DGXMON_JOB_INFO_DIR=" + run + "/dgxmon/jobs",
        "DGXMON_GPUSTAT_DIR=" + run + "/gpustat",
        "DGXMON_MIG_MAP_FILE=" + run + "/dgxmon/mig-uuids");
  }

  void writeSettings(String... lines) throws IOException {
    Path file = root.resolve("etc/dgxmon/slurm.env");
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  /** Adds a script next to ours in {@code prologs/} or {@code epilogs/} (kind "prolog" or "epilog"). */
  void addScript(String kind, String name, String body) throws IOException {
    writeExecutable(root.resolve("cm/local/apps/slurm/var/" + kind + "s/" + name), "#!/bin/sh\n" + body + "\n");
  }

  void removeScript(String kind, String name) throws IOException {
    Files.delete(root.resolve("cm/local/apps/slurm/var/" + kind + "s/" + name));
  }

  /** Everything the dgxmon scripts sent to logger so far. */
  String logged() throws IOException {
    Path log = root.resolve("var/log/dgxmon.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void installScripts(Path slurm) throws IOException {
    Path shared = root.resolve("cm/shared/apps/slurm/var/cm");
    Path local = root.resolve("cm/local/apps/slurm/var");
    Files.createDirectories(shared);
    for (String kind : new String[] {"prolog", "epilog"}) {
      Path copy = shared.resolve(kind + "-dgxmon.sh");
      Files.copy(slurm.resolve(kind + ".d/dgxmon_job_map.sh"), copy, StandardCopyOption.COPY_ATTRIBUTES);
      Files.createDirectories(local.resolve(kind + "s"));
      Files.createSymbolicLink(local.resolve(kind + "s/60-" + kind + "-dgxmon.sh"), copy);
      writeExecutable(root.resolve("cm/local/apps/cmd/scripts/" + kind), runnerScript());
    }
    // The library and the parts it sources when needed, as the deployer ships them: every file in slurm/lib.
    try (Stream<Path> library = Files.list(slurm.resolve("lib"))) {
      for (Path file : library.filter(Files::isRegularFile).toList()) {
        Files.copy(file, shared.resolve(file.getFileName()));
      }
    }
  }

  private void writeLogger() throws IOException {
    Path log = root.resolve("var/log/dgxmon.log");
    Files.createDirectories(log.getParent());
    writeExecutable(root.resolve("usr/bin/logger"), "#!/bin/sh\n{ echo \"logger $*\"; cat; } >> '" + log + "'\n");
  }

  private static String runnerScript() throws IOException {
    try (var in = BcmSlurmInstall.class.getResourceAsStream("/bcm/wlm-script-runner.sh")) {
      if (in == null) {
        throw new IOException("test resource /bcm/wlm-script-runner.sh is missing");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static void writeExecutable(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The checkout's top: the {@code dgxmon.repo.root} property Maven sets, else the first parent with slurm/. */
  private static Path repositoryRoot() {
    String configured = System.getProperty("dgxmon.repo.root");
    Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("slurm/prolog.d/dgxmon_job_map.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("no slurm/prolog.d/dgxmon_job_map.sh above " + dir);
  }
}
