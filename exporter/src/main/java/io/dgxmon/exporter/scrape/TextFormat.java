package io.dgxmon.exporter.scrape;

/**
 * Pieces of the Prometheus text format (version 0.0.4) for profiles that write their families themselves: label
 * values escaped as the format requires, and numbers exactly as client_java writes them ({@link Double#toString},
 * infinities as {@code +Inf} and {@code -Inf}), so a family moves from client_java to a hand-written section without
 * a byte of its output changing.
 */
public final class TextFormat {
  /** The content type of the text format, as client_java and Go's promhttp send it. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Integral doubles below this are exact longs; {@link Double#toString} writes their exact digits. */
  private static final double EXACT_LONGS = 0x1p53;
  /** {@link Double#toString} switches to computerized scientific notation at this magnitude. */
  private static final double SCIENTIFIC_FROM = 1e7;

  private TextFormat() {}

  /** Appends {@code # HELP name help} and {@code # TYPE name type}; the help must need no escaping. */
  public static void header(String name, String help, String type, StringBuilder out) {
    out.append("# HELP ").append(name).append(' ').append(help)
        .append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** Appends {@code name="value"} with {@code \}, {@code "} and newline escaped. */
  public static void label(String name, String value, StringBuilder out) {
    out.append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    out.append('"');
  }

  /**
   * Appends {@code value} as {@link Double#toString} writes it ({@code 4.0}, {@code 1.3631488E7}), without its cost
   * for the integral values most series carry (byte and event counts): their digits are exact below 2^53.
   */
  public static void value(double value, StringBuilder out) {
    if (Double.isInfinite(value)) {
      out.append(value > 0 ? "+Inf" : "-Inf");
      return;
    }
    double magnitude = Math.abs(value);
    if (magnitude >= EXACT_LONGS || value != Math.rint(value) || isNegativeZero(value)) {
      out.append(value);
      return;
    }
    long whole = (long) value;
    if (magnitude < SCIENTIFIC_FROM) {
      out.append(whole).append(".0");
      return;
    }
    if (whole < 0) {
      out.append('-');
    }
    String digits = Long.toString(Math.abs(whole));
    int significant = digits.length();
    while (significant > 1 && digits.charAt(significant - 1) == '0') {
      significant--;
    }
    out.append(digits.charAt(0)).append('.');
    if (significant == 1) {
      out.append('0');
    } else {
      out.append(digits, 1, significant);
    }
    out.append('E').append(digits.length() - 1);
  }

  private static boolean isNegativeZero(double value) {
    return value == 0 && Double.doubleToRawLongBits(value) != 0;
  }
}
