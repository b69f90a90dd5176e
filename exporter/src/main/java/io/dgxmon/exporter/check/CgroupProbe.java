package io.dgxmon.exporter.check;

import io.dgxmon.exporter.cgroup.CgroupReader;
import io.dgxmon.exporter.cgroup.CgroupSample;
import io.dgxmon.exporter.cgroup.NodeMemory;
import io.dgxmon.exporter.files.FileProblems;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Reads the cgroup root with the service's {@link CgroupReader} and names Slurm's directories under it. */
final class CgroupProbe {
  private CgroupProbe() {}

  static CgroupFacts probe(Path root) {
    boolean v2 = Files.exists(root.resolve("cgroup.controllers"));
    String version = v2 ? "v2" : "v1";
    List<String> slurmDirs = v2 ? slurmDirs(root, "system.slice", CgroupProbe::isStepdScope)
        : slurmDirs(root, "cpuacct", name -> name.equals("slurm") || name.startsWith("slurm_"));
    try {
      List<CgroupSample> samples = CgroupReader.detect(root.toString(), false, new NodeMemory(0, 0),
          new FileProblems(line -> { })).read();
      List<String> jobs = new ArrayList<>(new TreeSet<>(samples.stream().map(CgroupSample::jobId).toList()));
      return new CgroupFacts(root, version, slurmDirs, jobs, Optional.empty());
    } catch (IOException | RuntimeException e) {
      return new CgroupFacts(root, version, slurmDirs, List.of(), Optional.of(String.valueOf(e.getMessage())));
    }
  }

  /** The v2 scope slurmd's stepd runs in: {@code slurmstepd.scope}, or {@code <node>_slurmstepd.scope}. */
  private static boolean isStepdScope(String name) {
    return name.equals("slurmstepd.scope") || name.endsWith("_slurmstepd.scope");
  }

  private static List<String> slurmDirs(Path root, String parent, java.util.function.Predicate<String> slurm) {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(parent))) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (slurm.test(name) && Files.isDirectory(entry)) {
          found.add(parent + "/" + name);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    found.sort(null);
    return found;
  }
}
