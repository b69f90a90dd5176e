package io.dgxmon.exporter.gpu;

import java.util.EnumMap;
import java.util.Map;

/**
 * One MIG GPU instance of a GPU: its GPU instance id (GPU_I_ID), profile (GPU_I_PROFILE, e.g. {@code 3g.40gb}),
 * MIG UUID, NVML name, and the readings NVML gives for the instance itself (memory, GPM).
 */
public record MigInstance(int gpuInstanceId, String profile, String uuid, String name, Map<GpuField, Double> readings) {
  public MigInstance {
    readings = Map.copyOf(readings);
  }

  /** The profile from an NVML MIG device name such as {@code "NVIDIA H100 80GB HBM3 MIG 3g.40gb"}. */
  public static String profileFromName(String name) {
    int at = name.lastIndexOf("MIG ");
    return at < 0 ? "" : name.substring(at + 4).trim();
  }

  /** This instance with {@code more} readings (its GPM values) beside its own. */
  MigInstance withReadings(Map<GpuField, Double> more) {
    Map<GpuField, Double> all = new EnumMap<>(GpuField.class);
    all.putAll(readings);
    all.putAll(more);
    return new MigInstance(gpuInstanceId, profile, uuid, name, all);
  }

  /** The job-mapping key of this instance: {@code <gpu>.<gi>}. */
  public String mappingKey(int gpuIndex) {
    return gpuIndex + "." + gpuInstanceId;
  }
}
