package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelFilesystemsTest {
  private final KernelFilesystems filesystems = new KernelFilesystems();

  /** A cgroup (v1) or cgroup2 mount point of this machine, from the kernel's mount table. */
  private static Optional<String> cgroupMount() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(line -> line.split(" "))
        .filter(f -> f.length > 2 && (f[2].equals("cgroup") || f[2].equals("cgroup2"))).map(f -> f[1]).findFirst();
  }

  @Test
  void aCgroupMountIsTrusted() throws IOException {
    Optional<String> mount = cgroupMount();
    assumeTrue(mount.isPresent(), "no cgroup filesystem mounted here");
    assertTrue(filesystems.holdsOnlyFilesAndDirectories(mount.get()));
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
    Optional<String> mount = cgroupMount();
    assumeTrue(mount.isPresent(), "no cgroup filesystem mounted here");
    assertFalse(CgroupReader.needTypeChecks(filesystems, mount.get(), dir.resolve("gone").toString()));
    assertTrue(CgroupReader.needTypeChecks(filesystems, mount.get(), dir.toString()));
  }
}
