package io.dgxmon.common.config;

import java.time.Duration;

/**
 * Go-style durations as the Prometheus exporters write them: {@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 0}. Read
 * by the exporter's options and by the deployer's keys that become them, so both accept the same values.
 */
public final class GoDuration {
  private GoDuration() {}

  /** @throws IllegalArgumentException naming the value and the expected form */
  public static Duration parse(String text) {
    String value = text.trim();
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    int i = 0;
    while (i < value.length()) {
      int numberStart = i;
      while (i < value.length() && Character.isDigit(value.charAt(i))) {
        i++;
      }
      int unitStart = i;
      while (i < value.length() && Character.isLetter(value.charAt(i))) {
        i++;
      }
      if (numberStart == unitStart || unitStart == i) {
        throw invalid(text);
      }
      Duration unit = unit(value.substring(unitStart, i), text);
      try {
        total = total.plus(unit.multipliedBy(Long.parseLong(value.substring(numberStart, unitStart))));
      } catch (NumberFormatException | ArithmeticException e) {
        throw invalid(text); // beyond a long or a Duration: a bad value, not a crash of the config reader
      }
    }
    if (value.isEmpty()) {
      throw invalid(text);
    }
    return total;
  }

  private static Duration unit(String unit, String text) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(1);
      case "s" -> Duration.ofSeconds(1);
      case "m" -> Duration.ofMinutes(1);
      case "h" -> Duration.ofHours(1);
      default -> throw invalid(text);
    };
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("\"" + text + "\" is not a duration such as 500ms, 5s or 1m");
  }
}
