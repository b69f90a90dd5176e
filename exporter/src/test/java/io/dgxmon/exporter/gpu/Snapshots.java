package io.dgxmon.exporter.gpu;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made GPU snapshots for the renderer tests (no NVML involved). */
final class Snapshots {
  static final double MIB = 1024.0 * 1024.0;
  static final String UUID0 = "GPU-1533aaaa-0000-0000-0000-000000000000";
  static final String UUID1 = "GPU-1533bbbb-0000-0000-0000-000000000001";
  static final String UUID2 = "GPU-1533cccc-0000-0000-0000-000000000002";
  static final String MIG_UUID = "MIG-5f2c0000-0000-0000-0000-000000000001";

  private Snapshots() {}

  static Map<GpuField, Double> h100Readings() {
    Map<GpuField, Double> r = new EnumMap<>(GpuField.class);
    r.put(GpuField.SM_CLOCK_MHZ, 1980.0);
    r.put(GpuField.MEM_CLOCK_MHZ, 2619.0);
    r.put(GpuField.GRAPHICS_CLOCK_MHZ, 1980.0);
    r.put(GpuField.VIDEO_CLOCK_MHZ, 1755.0);
    r.put(GpuField.MEMORY_TEMP_C, 41.0);
    r.put(GpuField.GPU_TEMP_C, 33.0);
    r.put(GpuField.POWER_MILLIWATTS, 71123.0);
    r.put(GpuField.TOTAL_ENERGY_MILLIJOULES, 1234567890.0);
    r.put(GpuField.PCIE_REPLAYS, 2.0);
    r.put(GpuField.GPU_UTIL_PERCENT, 87.0);
    r.put(GpuField.MEM_COPY_UTIL_PERCENT, 40.0);
    r.put(GpuField.ENC_UTIL_PERCENT, 0.0);
    r.put(GpuField.DEC_UTIL_PERCENT, 0.0);
    r.put(GpuField.LAST_XID, 0.0);
    r.put(GpuField.FB_TOTAL_BYTES, 81559 * MIB);
    r.put(GpuField.FB_FREE_BYTES, 80000 * MIB + 12345);
    r.put(GpuField.FB_USED_BYTES, 1000 * MIB);
    r.put(GpuField.FB_RESERVED_BYTES, 559 * MIB);
    r.put(GpuField.NVLINK_BANDWIDTH_TOTAL, 0.0);
    r.put(GpuField.UNCORRECTABLE_REMAPPED_ROWS, 0.0);
    r.put(GpuField.CORRECTABLE_REMAPPED_ROWS, 1.0);
    r.put(GpuField.ROW_REMAP_FAILURE, 0.0);
    r.put(GpuField.ECC_CORRECTED_AGGREGATE, 3.0);
    return r;
  }

  /** Every GPM reading, {@code base} + 1, + 2, ... in GpuField order (bytes/s fields in MiB/s steps). */
  static Map<GpuField, Double> gpm(double base) {
    Map<GpuField, Double> r = new EnumMap<>(GpuField.class);
    double step = 0;
    for (GpuField field : GpuField.values()) {
      if (field.gpm()) {
        boolean bytes = field.name().endsWith("_BYTES_PER_SECOND");
        r.put(field, bytes ? (base + step) * MIB : base + step);
        step++;
      }
    }
    return r;
  }

  /**
   * GPU 0 whole, GPU 1 in MIG mode with instance GPU_I_ID 2, both with every GPM reading (GPU 0 from 10, GPU 1 from
   * 20, the instance from 30) and clock event reasons (GPU 0: HW slowdown + HW thermal slowdown, GPU 1: none), and
   * GPU 2 lost (NVML answered 15 on it).
   */
  static GpuSnapshot gpmEverywhere() {
    GpuSnapshot two = twoGpus();
    Map<GpuField, Double> gpu0 = new EnumMap<>(two.gpus().get(0).readings());
    gpu0.putAll(gpm(10));
    gpu0.put(GpuField.CLOCK_EVENT_REASONS, 72.0);
    gpu0.put(GpuField.FAN_SPEED_PERCENT, 35.0);
    Map<GpuField, Double> gpu1 = new EnumMap<>(two.gpus().get(1).readings());
    gpu1.putAll(gpm(20));
    gpu1.put(GpuField.CLOCK_EVENT_REASONS, 0.0);
    GpuDevice mig = two.gpus().get(1);
    return new GpuSnapshot(two.driverVersion(), List.of(
        new GpuDevice(two.gpus().get(0).identity(), gpu0, List.of(), Optional.empty()),
        new GpuDevice(mig.identity(), gpu1, List.of(mig.migInstances().get(0).withReadings(gpm(30))),
            Optional.empty()),
        GpuDevice.failed(new GpuIdentity(2, 2, UUID2, "00000000:3A:00.0", "NVIDIA H100 80GB HBM3"),
            new GpuError(15, "nvmlDeviceGetPowerUsage: GPU is lost (15)"))));
  }

  /** GPU 0 whole (with GPM values), GPU 1 in MIG mode with one 3g.40gb instance (GPU_I_ID 2). */
  static GpuSnapshot twoGpus() {
    Map<GpuField, Double> gpu0 = h100Readings();
    gpu0.put(GpuField.GPM_GRAPHICS_UTIL_PERCENT, 45.5);
    gpu0.put(GpuField.GPM_ANY_TENSOR_UTIL_PERCENT, 12.25);
    gpu0.put(GpuField.GPM_DRAM_BW_UTIL_PERCENT, 30.0);
    gpu0.put(GpuField.GPM_PCIE_TX_BYTES_PER_SECOND, 2 * MIB);
    gpu0.put(GpuField.GPM_PCIE_RX_BYTES_PER_SECOND, 3 * MIB);
    MigInstance mig = new MigInstance(2, "3g.40gb", MIG_UUID, "NVIDIA H100 80GB HBM3 MIG 3g.40gb",
        Map.of(GpuField.FB_TOTAL_BYTES, 40192 * MIB, GpuField.FB_USED_BYTES, 13 * MIB,
            GpuField.FB_FREE_BYTES, 40179 * MIB, GpuField.FB_RESERVED_BYTES, 0.0));
    return new GpuSnapshot("550.144.03", List.of(
        new GpuDevice(new GpuIdentity(0, 0, UUID0, "00000000:18:00.0", "NVIDIA H100 80GB HBM3"), gpu0, List.of(),
            Optional.empty()),
        new GpuDevice(new GpuIdentity(1, 1, UUID1, "00000000:2A:00.0", "NVIDIA H100 80GB HBM3"), h100Readings(),
            List.of(mig), Optional.empty())));
  }
}
