package io.dgxmon.exporter.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a directory lies on a cgroup filesystem (v1 or v2), where every entry is a regular file or a directory:
 * the kernel fills it, and its directories offer no way to create a FIFO, a device node or a symbolic link
 * (docs/reference/exporters.md, "What a cgroup directory can hold"), so a reader there can skip the per-file type
 * check that guards a plain directory tree. Not proc or sysfs: they hold symbolic links. Answers are remembered per
 * directory and device number, so a remount is noticed; only root can mount something else below such a directory.
 */
final class KernelFilesystems {
  private static final Set<String> KERNEL_TYPES = Set.of("cgroup", "cgroup2");

  private record Mount(String dir, long device) {}

  private final Map<Mount, Boolean> known = new ConcurrentHashMap<>();

  /** True when {@code dir} is on a kernel filesystem; false when it is not, or cannot be examined. */
  boolean holdsOnlyFilesAndDirectories(String dir) {
    Path path = Path.of(dir);
    long device;
    try {
      device = (Long) Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
    return known.computeIfAbsent(new Mount(dir, device), mount -> isKernelType(path));
  }

  private static boolean isKernelType(Path path) {
    try {
      return KERNEL_TYPES.contains(Files.getFileStore(path).type());
    } catch (IOException e) {
      return false;
    }
  }
}
