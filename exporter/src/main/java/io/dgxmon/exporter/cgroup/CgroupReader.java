package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.files.FileProblems;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every Slurm job cgroup under a cgroup root. A pure function of the directory tree: discovery walks the
 * directories (a job without processes is still seen), a cgroup that vanishes mid-read is left out whole.
 */
public interface CgroupReader {

  /** All job (and with full Slurm, step and task) cgroups; throws when the root itself is unusable. */
  List<CgroupSample> read() throws IOException;

  /**
   * A v2 reader when {@code <root>/cgroup.controllers} exists, else a v1 reader; decided per call.
   *
   * @param problems where files that are not regular (a FIFO, a symlink) are reported, once each
   */
  static CgroupReader detect(String root, boolean fullSlurm, NodeMemory node, FileProblems problems) {
    KernelFilesystems kernelFilesystems = new KernelFilesystems();
    return () -> {
      File rootDir = new File(root);
      if (!rootDir.isDirectory()) {
        throw new IOException("cgroup root " + root + " does not exist or is not a directory");
      }
      if (!rootDir.canRead() || !rootDir.canExecute()) {
        throw new IOException("cgroup root " + root + " is not readable");
      }
      CgroupReader reader = new File(rootDir, "cgroup.controllers").exists()
          ? new CgroupV2Reader(root, fullSlurm, node, problems, kernelFilesystems)
          : new CgroupV1Reader(root, fullSlurm, node, problems, kernelFilesystems);
      return reader.read();
    };
  }

  /**
   * Whether the files under {@code dirs} need their type checked before they are opened: not when each directory is
   * on a kernel filesystem or does not exist (nothing is read from a missing one).
   */
  static boolean needTypeChecks(KernelFilesystems kernelFilesystems, String... dirs) {
    for (String dir : dirs) {
      if (new File(dir).exists() && !kernelFilesystems.holdsOnlyFilesAndDirectories(dir)) {
        return true;
      }
    }
    return false;
  }

  /** Entries of {@code dir} whose name starts with {@code prefix}; empty when the directory is gone. */
  static List<String> childrenStartingWith(String dir, String prefix) {
    String[] names = KernelFiles.list(dir);
    List<String> matching = new ArrayList<>();
    if (names != null) {
      for (String name : names) {
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
          matching.add(name);
        }
      }
    }
    return matching;
  }

  /**
   * With several slurmd instances on one host ({@code slurm_<node>}) one job can have a cgroup under each; the
   * host's series is their sum, so each label set appears once (the upstream exporter emitted duplicates).
   */
  static List<CgroupSample> mergeSameLabels(List<CgroupSample> samples) {
    Map<String, CgroupSample> merged = new LinkedHashMap<>();
    for (CgroupSample s : samples) {
      merged.merge(s.jobId() + '/' + s.step() + '/' + s.task(), s,
          (a, b) -> new CgroupSample(a.jobId(), a.step(), a.task(), a.uid(), a.stats().plus(b.stats())));
    }
    return new ArrayList<>(merged.values());
  }
}
