package io.dgxmon.exporter.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup tree under {@code --path.cgroup.root} as the cgroup collector would read it.
 *
 * @param version {@code v1} or {@code v2} ({@code <root>/cgroup.controllers} decides, as in the service)
 * @param slurmDirs Slurm's directories, relative to the root ({@code system.slice/slurmstepd.scope})
 * @param jobIds the job cgroups the service's reader found
 * @param problem why the collector would fail (root missing or unreadable)
 */
public record CgroupFacts(Path root, String version, List<String> slurmDirs, List<String> jobIds,
    Optional<String> problem) {
  public CgroupFacts {
    slurmDirs = List.copyOf(slurmDirs);
    jobIds = List.copyOf(jobIds);
  }
}
