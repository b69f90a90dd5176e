package io.dgxmon.exporter.gpu;

/** What names a physical GPU in both profiles: NVML index, minor number (/dev/nvidiaN), UUID, PCI bus id, model. */
public record GpuIdentity(int index, int minorNumber, String uuid, String pciBusId, String name) {

  /** Identity of a GPU whose details could not be read (only its index is known). */
  public static GpuIdentity unknown(int index) {
    return new GpuIdentity(index, index, "", "", "");
  }
}
