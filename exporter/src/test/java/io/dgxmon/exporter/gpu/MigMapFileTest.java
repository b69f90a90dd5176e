package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigMapFileTest {
  @Test
  void writesGpuAndMigUuidsAtomicallyAndKeepsLinesOfAGpuThatIsDown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run/dgxmon/mig-uuids");
    MigMapFile mig = new MigMapFile(file, line -> {});
    GpuSnapshot two = Snapshots.twoGpus();
    String want = Snapshots.UUID0 + " 0\n" + Snapshots.UUID1 + " 1\n" + Snapshots.MIG_UUID + " 1.2\n";
    mig.update(two);
    assertEquals(want, Files.readString(file));
    mig.update(new GpuSnapshot(two.driverVersion(),
        List.of(two.gpus().get(0), GpuDevice.failed(GpuIdentity.unknown(1), new GpuError(15, "lost")))));
    assertEquals(want, Files.readString(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temp files left");
    }
  }

  @Test
  void keepsMigUuidsOfNvmlsOlderFormWithSlashes(@TempDir Path dir) {
    GpuSnapshot two = Snapshots.twoGpus();
    GpuDevice gpu1 = two.gpus().get(1);
    String old = "MIG-GPU-5c89852c-d268-c3f3-1b07-005d5ae1dc3f/2/0";
    MigInstance mig = gpu1.migInstances().get(0);
    GpuSnapshot snapshot = new GpuSnapshot(two.driverVersion(), List.of(two.gpus().get(0),
        new GpuDevice(gpu1.identity(), gpu1.readings(), List.of(
            new MigInstance(mig.gpuInstanceId(), mig.profile(), old, mig.name(), mig.readings()),
            new MigInstance(3, mig.profile(), "MIG-a b/1/0", mig.name(), mig.readings())), gpu1.error())));
    assertEquals(Snapshots.UUID0 + " 0\n" + Snapshots.UUID1 + " 1\n" + old + " 1.2\n",
        new MigMapFile(dir.resolve("mig-uuids"), line -> {}).render(snapshot));
  }

  @Test
  void leavesOutUuidsThatWouldBreakTheLineFormat(@TempDir Path dir) {
    GpuSnapshot two = Snapshots.twoGpus();
    GpuDevice odd = two.gpus().get(0);
    GpuIdentity id = odd.identity();
    GpuSnapshot snapshot = new GpuSnapshot(two.driverVersion(), List.of(
        new GpuDevice(new GpuIdentity(0, 0, "GPU-a/b", id.pciBusId(), id.name()), odd.readings(), List.of(),
            odd.error()),
        new GpuDevice(new GpuIdentity(1, 1, "", id.pciBusId(), id.name()), odd.readings(), List.of(), odd.error())));
    assertEquals("", new MigMapFile(dir.resolve("mig-uuids"), line -> {}).render(snapshot));
  }
}
