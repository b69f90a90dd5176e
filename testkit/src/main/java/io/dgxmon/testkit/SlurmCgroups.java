package io.dgxmon.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cleans up the cgroup directories slurmd leaves behind ({@code /sys/fs/cgroup/<controller>/slurm_<node>}
 * on v1, {@code /sys/fs/cgroup/slurm_<node>} otherwise): kills what still runs in them, then removes them.
 * Only ever the named nodes' directories.
 */
final class SlurmCgroups {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final int ATTEMPTS = 20;

  private SlurmCgroups() {}

  static void removeForNodes(List<String> nodes) {
    for (String node : nodes) {
      for (Path dir : nodeDirs(node)) {
        removeTree(dir);
      }
    }
  }

  private static List<Path> nodeDirs(String node) {
    List<Path> dirs = new ArrayList<>();
    String name = "slurm_" + node;
    dirs.add(ROOT.resolve(name));
    try (Stream<Path> controllers = Files.list(ROOT)) {
      controllers.map(c -> c.resolve(name)).forEach(dirs::add);
    } catch (IOException e) {
      // No cgroup file system: nothing to clean.
    }
    return dirs.stream().filter(Files::isDirectory).toList();
  }

  /** rmdir bottom-up; a cgroup with a task still in it cannot be removed, so kill those first and retry. */
  private static void removeTree(Path dir) {
    for (int attempt = 0; attempt < ATTEMPTS && Files.isDirectory(dir); attempt++) {
      List<Path> dirs = subdirectories(dir);
      dirs.forEach(SlurmCgroups::killTasks);
      dirs.forEach(SlurmCgroups::rmdir);
      if (Files.isDirectory(dir)) {
        Await.sleep(java.time.Duration.ofMillis(100));
      }
    }
  }

  private static List<Path> subdirectories(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void killTasks(Path cgroup) {
    Path procs = cgroup.resolve("cgroup.procs");
    try {
      for (String pid : Files.readAllLines(procs)) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone already, or not a cgroup directory.
    }
  }

  private static void rmdir(Path cgroup) {
    try {
      Files.deleteIfExists(cgroup);
    } catch (IOException e) {
      // Still busy (or has children); the next attempt retries.
    }
  }
}
