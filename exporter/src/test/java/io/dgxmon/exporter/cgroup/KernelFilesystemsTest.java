package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelFilesystemsTest {
  private final KernelFilesystems filesystems = new KernelFilesystems();

  /**
   * A cgroup (v1) or cgroup2 mount point of this machine, from the kernel's mount table. Every machine these tests
   * run on has one (Slurm's cgroup plugins and the real-cgroup ITs need it), so its absence fails the test.
   */
  private static String cgroupMount() throws IOException {
    Optional<String> mount = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(line -> line.split(" "))
        .filter(f -> f.length > 2 && (f[2].equals("cgroup") || f[2].equals("cgroup2"))).map(f -> f[1]).findFirst();
    assertTrue(mount.isPresent(), "no cgroup or cgroup2 filesystem in /proc/self/mounts");
    return mount.get();
  }

  @Test
  void aCgroupMountIsTrusted() throws IOException {
    assertTrue(filesystems.holdsOnlyFilesAndDirectories(cgroupMount()));
  }

  @Test
  void procAndSysfsAreNotForTheyHoldSymbolicLinks() {
    assertFalse(filesystems.holdsOnlyFilesAndDirectories("/proc"));
    assertFalse(filesystems.holdsOnlyFilesAndDirectories("/sys/kernel"));
  }

  @Test
  void anOrdinaryDirectoryTreeIsNot(@TempDir Path dir) {
    assertFalse(filesystems.holdsOnlyFilesAndDirectories(dir.toString()));
    assertFalse(filesystems.holdsOnlyFilesAndDirectories("/"));
  }

  @Test
  void aMissingDirectoryIsNot(@TempDir Path dir) {
    assertFalse(filesystems.holdsOnlyFilesAndDirectories(dir.resolve("gone").toString()));
  }

  @Test
  void aMissingControllerNeedsNoChecksButAnOrdinaryOneDoes(@TempDir Path dir) throws IOException {
    String mount = cgroupMount();
    assertFalse(CgroupReader.needTypeChecks(filesystems, mount, dir.resolve("gone").toString()));
    assertTrue(CgroupReader.needTypeChecks(filesystems, mount, dir.toString()));
  }
}
