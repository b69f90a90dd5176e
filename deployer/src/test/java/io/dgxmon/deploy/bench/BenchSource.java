package io.dgxmon.deploy.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** The source tree DeployBench deploys: the real runtime archive when built, a jar of random bytes up to the payload. */
final class BenchSource {
  private BenchSource() {}

  static long sourceTree(Path src, int payloadMiB) throws IOException {
    // setup.sh runs benchmarks from the repository root; an IDE may run them from the module.
    Path realRuntime = Stream.of(".dgxmon-build", "../.dgxmon-build").map(d -> Path.of(d, "runtime-linux-x86_64.tar"))
        .filter(Files::isRegularFile).findFirst().orElse(Path.of(".dgxmon-build/runtime-linux-x86_64.tar"));
    Path runtime = src.resolve(".dgxmon-build/runtime-linux-x86_64.tar");
    Files.createDirectories(runtime.getParent());
    Random random = new Random(7);
    if (Files.isRegularFile(realRuntime)) {
      Files.copy(realRuntime, runtime);
      System.out.println("runtime archive: the real one, " + realRuntime.toAbsolutePath().normalize());
    } else {
      Path dir = Files.createDirectories(src.resolve(".dgxmon-build/rt/lib"));
      Files.write(dir.resolve("modules"), randomBytes(random, Math.max(1, payloadMiB * 7 / 8) << 20));
      DeployBench.run("tar", "-cf", runtime.toString(), "-C", dir.getParent().toString(), ".");
      System.out.println("runtime archive: synthetic (random bytes; ./setup.sh --build makes the real one)");
    }
    long jar = Math.max(1 << 20, ((long) payloadMiB << 20) - Files.size(runtime));
    write(src.resolve("exporter/target/dgxmon-exporter.jar"), randomBytes(random, (int) jar));
    write(src.resolve("slurm/prolog.d/dgxmon_job_map.sh"), "#!/bin/bash\nexit 0\n".getBytes());
    write(src.resolve("slurm/epilog.d/dgxmon_job_map.sh"), "#!/bin/bash\nexit 0\n".getBytes());
    write(src.resolve("slurm/check.sh"), "#!/bin/bash\nexit 0\n".getBytes());
    write(src.resolve("slurm/lib/dgxmon_job_map.bash"), "# shellcheck shell=bash\n".getBytes());
    return Files.size(runtime) + jar;
  }

  static void concat(Path out, Path... parts) throws IOException {
    try (OutputStream o = Files.newOutputStream(out)) {
      for (Path p : parts) {
        Files.copy(p, o);
      }
    }
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }
}
