package io.dgxmon.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the report writes numbers for people: kWh, GiB, percentages, durations, UTC times. */
public final class Units {
  public static final double JOULES_PER_KWH = 3.6e6;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private Units() {}

  public static String kwh(double joules) {
    return String.format(Locale.ROOT, "%.4f kWh", joules / JOULES_PER_KWH);
  }

  public static String gib(double bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
  }

  public static String percent(Optional<Double> value) {
    return value.map(v -> String.format(Locale.ROOT, "%.1f%%", v)).orElse("n/a");
  }

  public static String number(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }

  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  public static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 86400 ? String.format(Locale.ROOT, "%dd %02dh %02dm", s / 86400, s % 86400 / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60);
  }
}
