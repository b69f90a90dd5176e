package io.dgxmon.exporter.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code reason} label of {@code nvidia_gpu_clock_event_reason}: the jobstats GPU exporter's word for each
 * nvmlClocksEventReason bit that is set, joined by commas, or {@code none} for 0. Bits it has no word for are left
 * out of the label (the value keeps them). Words are in bit order; jobstats' own order varies between scrapes.
 */
final class ClockEventReasons {
  /** Bit i of the mask (nvml.h's nvmlClocksEventReason* / nvmlClocksThrottleReason*) and its word. */
  private static final List<String> WORDS = List.of(
      "idle",                 // 0x1   GpuIdle
      "application",          // 0x2   ApplicationsClocksSetting
      "swpowercap",           // 0x4   SwPowerCap
      "hwslowdown",           // 0x8   HwSlowdown
      "syncboost",            // 0x10  SyncBoost
      "swthermalslowdown",    // 0x20  SwThermalSlowdown
      "hwthermalslowdown",    // 0x40  HwThermalSlowdown
      "hwpowerbrakeslowdown", // 0x80  HwPowerBrakeSlowdown
      "limited");             // 0x100 DisplayClockSetting

  private ClockEventReasons() {}

  static String label(long mask) {
    if (mask == 0) {
      return "none";
    }
    List<String> set = new ArrayList<>();
    for (int bit = 0; bit < WORDS.size(); bit++) {
      if ((mask & (1L << bit)) != 0) {
        set.add(WORDS.get(bit));
      }
    }
    return String.join(",", set);
  }
}
