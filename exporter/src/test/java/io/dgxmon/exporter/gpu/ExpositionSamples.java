package io.dgxmon.exporter.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads samples out of a text exposition by name and exact label set, whatever the label order and number format
 * (so a test states values, not one writer's bytes).
 */
final class ExpositionSamples {
  private static final Pattern SAMPLE = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ExpositionSamples() {}

  /** The values of every sample of {@code name} whose labels are exactly {@code labels}. */
  static List<Double> values(String exposition, String name, Map<String, String> labels) {
    List<Double> values = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.matches() && sample.group(1).equals(name) && labels(sample.group(2)).equals(new TreeMap<>(labels))) {
        values.add(Double.parseDouble(sample.group(3)));
      }
    }
    return values;
  }

  /** How many samples of {@code name} carry every label of {@code some} (and maybe others). */
  static long count(String exposition, String name, Map<String, String> some) {
    long count = 0;
    for (String line : exposition.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.matches() && sample.group(1).equals(name)
          && labels(sample.group(2)).entrySet().containsAll(some.entrySet())) {
        count++;
      }
    }
    return count;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    if (text != null) {
      Matcher label = LABEL.matcher(text);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return labels;
  }
}
