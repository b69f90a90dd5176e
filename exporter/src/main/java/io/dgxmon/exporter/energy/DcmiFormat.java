package io.dgxmon.exporter.energy;

import io.dgxmon.exporter.config.DcmiToolKind;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of {@code ipmitool dcmi power reading} or FreeIPMI's {@code ipmi-dcmi
 * --get-system-power-statistics} (stdout and stderr together) tolerantly: each field is found by its label wherever
 * it is, whatever the padding, line breaks and case (ipmitool 1.8.19 puts the period on the timestamp's line; FreeIPMI
 * writes {@code Watts} and {@code watts}). Formats and the captures they were checked against: docs/reference/energy.md.
 * Pure.
 */
public enum DcmiFormat {
  IPMITOOL("Instantaneous power reading", "Minimum during sampling period", "Maximum during sampling period",
      "Average power reading over sample period", "Sampling period", "Power reading state is",
      "activated", "deactivated"),
  FREEIPMI("Current Power", "Minimum Power over sampling duration", "Maximum Power over sampling duration",
      "Average Power over sampling duration", "Statistics reporting time period", "Power Measurement",
      "Active", "Not Available");

  private static final String WATTS = "[ \\t]*:[ \\t]*(\\d{1,9})[ \\t]*watts";
  private static final int MAX_PROBLEM = 200;

  private final Pattern current;
  private final Pattern minimum;
  private final Pattern maximum;
  private final Pattern average;
  private final Pattern period;
  private final Pattern state;
  private final String active;

  DcmiFormat(String current, String minimum, String maximum, String average, String period, String state,
      String active, String inactive) {
    this.current = field(current + WATTS);
    this.minimum = field(minimum + WATTS);
    this.maximum = field(maximum + WATTS);
    this.average = field(average + WATTS);
    this.period = field(period + "[ \\t]*:[ \\t]*(\\d{1,12})[ \\t]*(seconds|milliseconds)");
    this.state = field(state + "[ \\t]*:?[ \\t]*(" + Pattern.quote(active) + "|" + Pattern.quote(inactive) + ")\\b");
    this.active = active;
  }

  private static Pattern field(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  public static DcmiFormat of(DcmiToolKind kind) {
    return kind == DcmiToolKind.IPMITOOL ? IPMITOOL : FREEIPMI;
  }

  /**
   * The reading in {@code output}, or why there is none: the tool failed ({@code exitCode} not 0: its first line,
   * e.g. {@code DCMI request failed because: Invalid command (c1)}), printed no instantaneous reading, or says its
   * measurement is not active and reads 0 W (a BMC that answers but measures nothing). A reading whose measurement is
   * not active but is above 0 W (OpenBMC never sets the state bit) keeps only the instantaneous value.
   */
  public DcmiAnswer parse(String output, int exitCode) {
    OptionalDouble now = watts(current, output);
    if (exitCode != 0) {
      return DcmiAnswer.failed("exit status " + exitCode + ": " + firstLine(output));
    }
    if (now.isEmpty()) {
      return DcmiAnswer.failed("no power reading in the output: " + firstLine(output));
    }
    Matcher stateMatch = state.matcher(output);
    Optional<Boolean> isActive = stateMatch.find()
        ? Optional.of(stateMatch.group(1).equalsIgnoreCase(active)) : Optional.empty();
    if (isActive.equals(Optional.of(false))) {
      if (now.getAsDouble() == 0) {
        return DcmiAnswer.failed("the BMC's power measurement is not active (it reads 0 W)");
      }
      return DcmiAnswer.of(new DcmiReading(now.getAsDouble(), OptionalDouble.empty(), OptionalDouble.empty(),
          OptionalDouble.empty(), OptionalDouble.empty(), isActive));
    }
    return DcmiAnswer.of(new DcmiReading(now.getAsDouble(), watts(minimum, output), watts(maximum, output),
        watts(average, output), seconds(output), isActive));
  }

  private static OptionalDouble watts(Pattern label, String output) {
    Matcher m = label.matcher(output);
    return m.find() ? OptionalDouble.of(Long.parseLong(m.group(1))) : OptionalDouble.empty();
  }

  /** ipmitool 1.8.16+ prints whole seconds, 1.8.14-15 and FreeIPMI milliseconds. */
  private OptionalDouble seconds(String output) {
    Matcher m = period.matcher(output);
    if (!m.find()) {
      return OptionalDouble.empty();
    }
    double value = Long.parseLong(m.group(1));
    return OptionalDouble.of(m.group(2).equalsIgnoreCase("milliseconds") ? value / 1000 : value);
  }

  /** The first non-blank line, trimmed and shortened, for a log line or a self-check. */
  static String firstLine(String output) {
    String line = output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)");
    line = line.replaceAll("\\p{Cc}", "?");
    return line.length() > MAX_PROBLEM ? line.substring(0, MAX_PROBLEM) + "..." : line;
  }
}
