package io.dgxmon.exporter.check;

import io.dgxmon.exporter.gpu.GpuField;
import java.util.Optional;

/**
 * What one exported field of one GPU gave in the check's NVML read.
 *
 * @param value the reading in NVML's unit, when there is one
 * @param detail NVML's error text for {@code NO_VALUE} and {@code ERROR} (e.g. {@code "GPU is lost (15)"}), else
 *     why there is no value
 */
public record FieldResult(GpuField field, Outcome outcome, Optional<Double> value, String detail) {

  /** VALUE: read; NOT_SUPPORTED: NVML says so; NO_VALUE: another "absent" code; ERROR: the GPU failed; NOT_READ. */
  public enum Outcome { VALUE, NOT_SUPPORTED, NO_VALUE, ERROR, NOT_READ }

  static FieldResult value(GpuField field, double value) {
    return new FieldResult(field, Outcome.VALUE, Optional.of(value), "");
  }

  static FieldResult of(GpuField field, Outcome outcome, String detail) {
    return new FieldResult(field, outcome, Optional.empty(), detail);
  }

  /** {@code "POWER_MILLIWATTS 71123"}, {@code "FAN_SPEED_PERCENT not supported"}. */
  String text() {
    return field + " " + switch (outcome) {
      case VALUE -> number(value.orElseThrow());
      case NOT_SUPPORTED -> "not supported" + (detail.isEmpty() ? "" : " (" + detail + ")");
      case NO_VALUE -> "no value: " + detail;
      case ERROR -> "error: " + detail;
      case NOT_READ -> "not read" + (detail.isEmpty() ? "" : " (" + detail + ")");
    };
  }

  /** Whole numbers without a fraction, others as Java prints them. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
