package io.dgxmon.exporter.gpu;

/** One value NVML reports for a GPU or MIG instance, in NVML's own unit (the renderers convert). */
public enum GpuField {
  SM_CLOCK_MHZ,
  MEM_CLOCK_MHZ,
  GRAPHICS_CLOCK_MHZ,
  VIDEO_CLOCK_MHZ,
  GPU_TEMP_C,
  MEMORY_TEMP_C,
  POWER_MILLIWATTS,
  TOTAL_ENERGY_MILLIJOULES,
  PCIE_REPLAYS,
  GPU_UTIL_PERCENT,
  MEM_COPY_UTIL_PERCENT,
  ENC_UTIL_PERCENT,
  DEC_UTIL_PERCENT,
  FB_TOTAL_BYTES(Scope.INSTANCE),
  FB_FREE_BYTES(Scope.INSTANCE),
  FB_USED_BYTES(Scope.INSTANCE),
  FB_RESERVED_BYTES(Scope.INSTANCE),
  NVLINK_BANDWIDTH_TOTAL,
  CORRECTABLE_REMAPPED_ROWS,
  UNCORRECTABLE_REMAPPED_ROWS,
  ROW_REMAP_FAILURE,
  FAN_SPEED_PERCENT,
  /** The nvmlClocksEventReason* bitmask: why the clocks are below their maximum (0: they are not). */
  CLOCK_EVENT_REASONS,
  ECC_CORRECTED_VOLATILE,
  ECC_CORRECTED_AGGREGATE,
  ECC_UNCORRECTED_VOLATILE,
  ECC_UNCORRECTED_AGGREGATE,
  /** Value of the last XID error seen through NVML events since the exporter started; 0 when none. */
  LAST_XID,
  /** GPM metrics (Hopper and later), percent. */
  GPM_GRAPHICS_UTIL_PERCENT(Scope.GPM),
  GPM_SM_UTIL_PERCENT(Scope.GPM),
  GPM_SM_OCCUPANCY_PERCENT(Scope.GPM),
  GPM_INTEGER_UTIL_PERCENT(Scope.GPM),
  GPM_ANY_TENSOR_UTIL_PERCENT(Scope.GPM),
  GPM_DRAM_BW_UTIL_PERCENT(Scope.GPM),
  GPM_FP64_UTIL_PERCENT(Scope.GPM),
  GPM_FP32_UTIL_PERCENT(Scope.GPM),
  GPM_FP16_UTIL_PERCENT(Scope.GPM),
  /** GPM PCIe and NVLink throughput, bytes per second. */
  GPM_PCIE_TX_BYTES_PER_SECOND(Scope.GPM),
  GPM_PCIE_RX_BYTES_PER_SECOND(Scope.GPM),
  GPM_NVLINK_RX_BYTES_PER_SECOND(Scope.GPM),
  GPM_NVLINK_TX_BYTES_PER_SECOND(Scope.GPM);

  /** Whose value it is: the physical GPU's, each MIG instance's own (memory), or GPM's (GPU and each instance). */
  private enum Scope { GPU, INSTANCE, GPM }

  private final Scope scope;

  GpuField() {
    this(Scope.GPU);
  }

  GpuField(Scope scope) {
    this.scope = scope;
  }

  /** A GPM rate: it needs two samples, so the first collection has none. */
  public boolean gpm() {
    return scope == Scope.GPM;
  }

  /** A MIG instance has a value of its own (its memory, its GPM sample) instead of sharing the GPU's. */
  public boolean perMigInstance() {
    return scope != Scope.GPU;
  }
}
