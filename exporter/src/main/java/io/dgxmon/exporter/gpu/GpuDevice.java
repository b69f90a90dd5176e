package io.dgxmon.exporter.gpu;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One physical GPU as read in one collection: identity, readings, MIG instances (empty when MIG is off) and,
 * when NVML failed on it (e.g. GPU_IS_LOST), the error; a GPU with an error is reported down and has no readings.
 */
public record GpuDevice(
    GpuIdentity identity, Map<GpuField, Double> readings, List<MigInstance> migInstances, Optional<GpuError> error) {
  public GpuDevice {
    readings = Map.copyOf(readings);
    migInstances = List.copyOf(migInstances);
  }

  public static GpuDevice failed(GpuIdentity identity, GpuError error) {
    return new GpuDevice(identity, Map.of(), List.of(), Optional.of(error));
  }

  public boolean up() {
    return error.isEmpty();
  }

  public int index() {
    return identity.index();
  }

  public Optional<Double> reading(GpuField field) {
    return Optional.ofNullable(readings.get(field));
  }

  public boolean migEnabled() {
    return !migInstances.isEmpty();
  }
}
