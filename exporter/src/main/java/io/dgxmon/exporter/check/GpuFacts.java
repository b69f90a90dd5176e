package io.dgxmon.exporter.check;

import io.dgxmon.exporter.check.FieldResult.Outcome;
import io.dgxmon.exporter.gpu.GpuDevice;
import io.dgxmon.exporter.gpu.GpuError;
import io.dgxmon.exporter.gpu.GpuField;
import io.dgxmon.exporter.gpu.GpuIdentity;
import io.dgxmon.exporter.gpu.MigInstance;
import io.dgxmon.exporter.gpu.MigMode;
import io.dgxmon.exporter.gpu.NvmlGpuSource.NvmlOutcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/** One GPU as the check's NVML read saw it: identity, the service's error for it, every field, GPM and MIG. */
public record GpuFacts(GpuIdentity identity, Optional<String> error, List<FieldResult> fields, boolean gpmSupported,
    MigMode migMode, List<MigInstance> migInstances) {
  private static final int NOT_SUPPORTED = 3;

  public GpuFacts {
    fields = List.copyOf(fields);
    migInstances = List.copyOf(migInstances);
  }

  /**
   * Joins what the service's read produced with what NVML answered per field.
   *
   * @param describe NVML's text of a return code
   * @param absent whether a return code only means "no such value here"
   */
  static GpuFacts of(GpuDevice device, NvmlOutcomes outcomes, IntFunction<String> describe, IntPredicate absent) {
    List<FieldResult> fields = new ArrayList<>();
    for (GpuField field : GpuField.values()) {
      fields.add(field(field, device.readings(), outcomes, describe, absent));
    }
    return new GpuFacts(device.identity(), device.error().map(GpuError::message), fields, outcomes.gpmSupported(), outcomes.migMode(),
        device.migInstances());
  }

  private static FieldResult field(GpuField field, Map<GpuField, Double> readings, NvmlOutcomes outcomes,
      IntFunction<String> describe, IntPredicate absent) {
    Double value = readings.get(field);
    if (value != null) {
      return FieldResult.value(field, value);
    }
    Integer rc = outcomes.returnCodes().get(field);
    if (rc != null && rc != 0) {
      if (rc == NOT_SUPPORTED) {
        return FieldResult.of(field, Outcome.NOT_SUPPORTED, "");
      }
      return FieldResult.of(field, absent.test(rc) ? Outcome.NO_VALUE : Outcome.ERROR, describe.apply(rc));
    }
    if (field.gpm()) {
      return outcomes.gpmSupported() ? FieldResult.of(field, Outcome.NOT_READ, "GPM gave no value in two samples")
          : FieldResult.of(field, Outcome.NOT_SUPPORTED, "no GPM on this GPU");
    }
    if (field == GpuField.LAST_XID) {
      return FieldResult.of(field, Outcome.NOT_READ, "XID events are watched while the service runs");
    }
    return FieldResult.of(field, Outcome.NOT_READ, rc == null ? "the GPU failed before this call" : "");
  }
}
