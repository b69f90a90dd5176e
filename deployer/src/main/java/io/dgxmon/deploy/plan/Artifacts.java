package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built things the deployer uploads, read from a source tree: the jlink'd runtime archives
 * ({@code .dgxmon-build/runtime-linux-<arch>.tar}), the three jars and the Slurm scripts (prolog, epilog, the node
 * self-check and their library). A missing one becomes a
 * {@link Payload#missing} placeholder so a dry run still works before the first build.
 */
public record Artifacts(
    Map<String, Payload> runtimes,
    Payload exporterJar,
    Payload roleMonitorJar,
    Payload reportJar,
    Payload prolog,
    Payload epilog,
    Payload nodeCheck,
    List<Payload> slurmLib) {

  public static final List<String> ARCHES = List.of("x86_64", "arm64");

  public static Artifacts load(Path top) throws IOException {
    Map<String, Payload> runtimes = new LinkedHashMap<>();
    for (String arch : ARCHES) {
      String name = "runtime-linux-" + arch + ".tar";
      runtimes.put(arch, fileOrMissing(name, top.resolve(".dgxmon-build").resolve(name)));
    }
    Path slurm = top.resolve("slurm");
    List<Payload> lib = new ArrayList<>();
    Path libDir = slurm.resolve("lib");
    if (Files.isDirectory(libDir)) {
      try (Stream<Path> files = Files.list(libDir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          lib.add(Payload.of(f.getFileName().toString(), Files.readAllBytes(f)));
        }
      }
    }
    return new Artifacts(
        runtimes,
        fileOrMissing("dgxmon-exporter.jar", top.resolve("exporter/target/dgxmon-exporter.jar")),
        fileOrMissing("dgxmon-role-monitor.jar", top.resolve("role-monitor/target/dgxmon-role-monitor.jar")),
        fileOrMissing("dgxmon-report.jar", top.resolve("report/target/dgxmon-report.jar")),
        textOrMissing("prolog-dgxmon.sh", slurm.resolve("prolog.d/dgxmon_job_map.sh")),
        textOrMissing("epilog-dgxmon.sh", slurm.resolve("epilog.d/dgxmon_job_map.sh")),
        textOrMissing("check-dgxmon.sh", slurm.resolve("check.sh")),
        List.copyOf(lib));
  }

  private static Payload fileOrMissing(String name, Path file) throws IOException {
    return Files.isRegularFile(file) ? Payload.file(name, file) : Payload.missing(file.toString());
  }

  private static Payload textOrMissing(String name, Path file) throws IOException {
    return Files.isRegularFile(file) ? Payload.of(name, Files.readAllBytes(file)) : Payload.missing(file.toString());
  }
}
