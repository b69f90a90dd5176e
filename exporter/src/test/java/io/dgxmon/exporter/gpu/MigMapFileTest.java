package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigMapFileTest {
  @Test
  void writesMigUuidsAtomicallyAndKeepsLinesOfAGpuThatIsDown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run/dgxmon/mig-uuids");
    MigMapFile mig = new MigMapFile(file, line -> {});
    GpuSnapshot two = Snapshots.twoGpus();
    mig.update(two);
    assertEquals(Snapshots.MIG_UUID + " 1.2\n", Files.readString(file));
    mig.update(new GpuSnapshot(two.driverVersion(),
        List.of(two.gpus().get(0), GpuDevice.failed(two.gpus().get(1).identity(), "lost"))));
    assertEquals(Snapshots.MIG_UUID + " 1.2\n", Files.readString(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temp files left");
    }
  }
}
