package io.dgxmon.exporter.dcgm;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A sample's value with the DCGM field type that decides how dcgm-exporter prints it ({@code toString} in its
 * {@code collector/gpu_collector.go}): {@code DCGM_FT_INT64} with Go's {@code %d}, {@code DCGM_FT_DOUBLE} with Go's
 * {@code %f} (six decimals, never an exponent).
 */
public sealed interface DcgmValue {
  /** The value as dcgm-exporter writes it. */
  String text();

  /** A {@code DCGM_FT_INT64} field, e.g. {@code DCGM_FI_DEV_SM_CLOCK}. */
  record Int64(long value) implements DcgmValue {
    @Override
    public String text() {
      return Long.toString(value);
    }
  }

  /** A {@code DCGM_FT_DOUBLE} field, e.g. {@code DCGM_FI_DEV_POWER_USAGE}. */
  record Fp64(double value) implements DcgmValue {
    private static final double EXACT_LONG = 0x1p53;

    /**
     * Go's {@code %f}: the exact binary value rounded half to even at six decimals ({@code strconv}'s exact
     * decimal conversion), so {@code 0.0078125} is {@code 0.007812}; Java's {@code %.6f} would round half up.
     * NaN and infinities as Go writes them ({@code NaN}, {@code +Inf}, {@code -Inf}), which the text format reads.
     */
    @Override
    public String text() {
      if (Double.isNaN(value)) {
        return "NaN";
      }
      if (Double.isInfinite(value)) {
        return value > 0 ? "+Inf" : "-Inf";
      }
      if (value == 0) {
        return Double.doubleToRawLongBits(value) == 0 ? "0.000000" : "-0.000000";
      }
      if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG) {
        return (long) value + ".000000"; // the common case without a BigDecimal
      }
      return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }
  }
}
