package io.dgxmon.exporter.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a sample line of the text format back: its label names in the order written. */
final class DcgmFormat {
  private static final Pattern SAMPLE = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)\\{(.*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private DcgmFormat() {}

  /** The label names of a sample line in the order they are written. */
  static List<String> labelOrder(String sampleLine) {
    Matcher sample = SAMPLE.matcher(sampleLine);
    if (!sample.matches()) {
      throw new AssertionError("not a sample line: " + sampleLine);
    }
    List<String> names = new ArrayList<>();
    Matcher label = LABEL.matcher(sample.group(2));
    while (label.find()) {
      names.add(label.group(1));
    }
    return names;
  }

  /** The metric name and the value of a sample line. */
  static String[] nameAndValue(String sampleLine) {
    Matcher sample = SAMPLE.matcher(sampleLine);
    if (!sample.matches()) {
      throw new AssertionError("not a sample line: " + sampleLine);
    }
    return new String[] {sample.group(1), sample.group(3)};
  }
}
