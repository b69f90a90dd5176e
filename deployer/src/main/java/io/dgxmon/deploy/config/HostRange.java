package io.dgxmon.deploy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands BCM/Slurm host ranges: {@code dgx-[01-04,07]} becomes dgx-01..dgx-04, dgx-07 (zero padding kept). */
public final class HostRange {
  public static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
  private static final Pattern GROUP = Pattern.compile("\\[([^\\[\\]]*)]");
  private static final Pattern ITEM = Pattern.compile("(\\d+)(?:-(\\d+))?");
  private static final int MAX_HOSTS = 100_000;

  private HostRange() {}

  /** The host names, in order; throws IllegalArgumentException naming what is wrong. */
  public static List<String> expand(String expression) {
    List<String> out = new ArrayList<>();
    expandInto(expression, out);
    for (String host : out) {
      if (!HOST_NAME.matcher(host).matches()) {
        throw new IllegalArgumentException("\"" + host + "\" is not a valid host name");
      }
    }
    return out;
  }

  private static void expandInto(String expression, List<String> out) {
    Matcher m = GROUP.matcher(expression);
    if (!m.find()) {
      if (expression.contains("[") || expression.contains("]")) {
        throw new IllegalArgumentException("unbalanced brackets in \"" + expression + "\"");
      }
      out.add(expression);
      return;
    }
    String head = expression.substring(0, m.start());
    String tail = expression.substring(m.end());
    for (String item : m.group(1).split(",", -1)) {
      Matcher im = ITEM.matcher(item.trim());
      if (!im.matches()) {
        throw new IllegalArgumentException("\"" + item + "\" in \"" + expression + "\" is not N or N-M");
      }
      String from = im.group(1);
      String to = im.group(2) == null ? from : im.group(2);
      long a = Long.parseLong(from);
      long b = Long.parseLong(to);
      if (b < a || b - a > MAX_HOSTS || out.size() + (b - a) > MAX_HOSTS) {
        throw new IllegalArgumentException("range \"" + item + "\" in \"" + expression + "\" is empty or too large");
      }
      for (long n = a; n <= b; n++) {
        String number = String.format("%0" + from.length() + "d", n);
        expandInto(head + number + tail, out);
      }
    }
  }
}
