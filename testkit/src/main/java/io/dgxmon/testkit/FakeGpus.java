package io.dgxmon.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fake NVIDIA device nodes ({@code nvidiaN}, char 195:N) in a test directory. Slurm's gres.conf
 * only accepts char devices, and cgroup device rules act on them; reading one gives ENXIO.
 */
final class FakeGpus {
  private FakeGpus() {}

  static void create(Path devDir, int count, SlurmTools tools) {
    TextFiles.createDirectories(devDir);
    for (int i = 0; i < count; i++) {
      Path device = devDir.resolve("nvidia" + i);
      if (Files.exists(device)) {
        continue;
      }
      ProcessResult made = Processes.run(Duration.ofSeconds(10), tools.mknod().toString(), "-m", "666",
          device.toString(), "c", "195", Integer.toString(i));
      if (!made.succeeded()) {
        throw new IllegalStateException("cannot create fake GPU " + device + " (mknod needs root with CAP_MKNOD): "
            + made.stderr().trim());
      }
    }
  }
}
