package io.dgxmon.exporter.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an exposition with dcgm-exporter's hand-rendered one, line by line, up to the three differences
 * client_java 1.3 imposes (documented in docs/Exporter.md, "GPU metrics"): labels are written sorted by name (dcgm:
 * gpu, UUID, pci_bus_id, ...), numbers in shortest form (dcgm: %d / %f), and dcgm's counters are typed untyped
 * (dcgm: counter) so that their names keep no {@code _total} suffix. client_java also sorts a family's samples by
 * labels and families by name, so families are compared in name order and samples in sorted order within each.
 */
final class DcgmFormat {
  private static final Pattern SAMPLE = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)\\{(.*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private DcgmFormat() {}

  /** Each line in a canonical form; {@code counters} are the families dcgm types "counter". */
  static List<String> canonical(String exposition, Set<String> counters) {
    List<String> lines = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        sortSamplesOfLastFamily(lines);
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        lines.add("# TYPE " + parts[2] + " " + (counters.contains(parts[2]) ? "untyped" : parts[3]));
        continue;
      }
      if (line.startsWith("#")) {
        lines.add(line);
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher label = LABEL.matcher(sample.group(2));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      lines.add(sample.group(1) + labels + " " + Double.parseDouble(sample.group(3)));
    }
    sortSamplesOfLastFamily(lines);
    return sortFamilies(lines);
  }

  /** Families (a HELP line, a TYPE line, samples) in name order. */
  private static List<String> sortFamilies(List<String> lines) {
    Map<String, List<String>> families = new TreeMap<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.startsWith("# HELP ")) {
        current = new ArrayList<>();
        families.put(line.split(" ")[2], current);
      }
      if (current == null) {
        throw new AssertionError("sample before any # HELP: " + line);
      }
      current.add(line);
    }
    List<String> sorted = new ArrayList<>();
    families.values().forEach(sorted::addAll);
    return sorted;
  }

  private static void sortSamplesOfLastFamily(List<String> lines) {
    int start = lines.size();
    while (start > 0 && !lines.get(start - 1).startsWith("#")) {
      start--;
    }
    java.util.Collections.sort(lines.subList(start, lines.size()));
  }

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
}
