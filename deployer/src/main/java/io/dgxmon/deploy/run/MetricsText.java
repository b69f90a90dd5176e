package io.dgxmon.deploy.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A small check of the Prometheus text format: enough to tell an exporter's page from anything else. */
public final class MetricsText {
  private static final Pattern SAMPLE = Pattern.compile(
      "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? (-?[0-9.eE+-]+|NaN|[+-]Inf)( -?[0-9]+)?");

  private MetricsText() {}

  /** The problems found (empty when the text parses and has at least one sample). */
  public static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    int samples = 0;
    int n = 0;
    for (String line : text.split("\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (SAMPLE.matcher(line).matches()) {
        samples++;
      } else if (problems.size() < 3) {
        problems.add("line " + n + " is not a sample: " + (line.length() > 80 ? line.substring(0, 80) : line));
      }
    }
    if (samples == 0) {
      problems.add("no samples");
    }
    return problems;
  }
}
