package io.dgxmon.exporter.energy;

/** Counts the CPUs of a kernel CPU list ({@code /sys/devices/system/cpu/online}: {@code 0-63}, {@code 0-3,8,10-11}). */
public final class OnlineCpus {
  private static final int MAX_CPUS = 1 << 16;

  private OnlineCpus() {}

  /** @throws IllegalArgumentException naming the text when it is not a CPU list */
  public static int count(String text) {
    String list = text.trim();
    if (list.isEmpty()) {
      throw invalid(text);
    }
    int count = 0;
    for (String range : list.split(",", -1)) {
      int dash = range.indexOf('-');
      int first = cpu(dash < 0 ? range : range.substring(0, dash), text);
      int last = dash < 0 ? first : cpu(range.substring(dash + 1), text);
      if (last < first) {
        throw invalid(text);
      }
      count += last - first + 1;
      if (count > MAX_CPUS) {
        throw invalid(text);
      }
    }
    return count;
  }

  private static int cpu(String number, String text) {
    if (number.isEmpty() || number.length() > 5 || !number.chars().allMatch(Character::isDigit)) {
      throw invalid(text);
    }
    return Integer.parseInt(number);
  }

  private static IllegalArgumentException invalid(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text.strip();
    return new IllegalArgumentException("\"" + shown + "\" is not a CPU list such as 0-63 or 0-3,8");
  }
}
