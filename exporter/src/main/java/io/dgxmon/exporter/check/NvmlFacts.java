package io.dgxmon.exporter.check;

import io.dgxmon.exporter.gpu.GpuSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What the check learnt from NVML, loaded the way the service loads it.
 *
 * @param used false when both GPU listeners are off (the service never loads NVML then)
 * @param problem why NVML gave nothing (library missing, init failed, count failed, no answer in time)
 * @param library the library file that was loaded
 * @param snapshot the service's view of the read (for the MIG map file comparison)
 */
public record NvmlFacts(boolean used, Optional<String> problem, String library, String driverVersion,
    String nvmlVersion, List<GpuFacts> gpus, Optional<GpuSnapshot> snapshot) {

  public NvmlFacts {
    gpus = List.copyOf(gpus);
  }

  static NvmlFacts notUsed() {
    return new NvmlFacts(false, Optional.empty(), "", "", "", List.of(), Optional.empty());
  }

  static NvmlFacts unavailable(String problem) {
    return new NvmlFacts(true, Optional.of(problem), "", "", "", List.of(), Optional.empty());
  }

  static NvmlFacts read(String library, String nvmlVersion, List<GpuFacts> gpus, GpuSnapshot snapshot) {
    return new NvmlFacts(true, Optional.empty(), library, snapshot.driverVersion(), nvmlVersion, gpus,
        Optional.of(snapshot));
  }
}
