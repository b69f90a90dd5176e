package io.dgxmon.exporter.dcgm;

import io.dgxmon.testkit.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dcgm-exporter's own expected renders, real outputs and counter CSVs from the shared fixtures
 * ({@code dcgm-exporter/samples/}; NOTES.md there says where each comes from).
 */
public final class DcgmExporterSamples {
  private static final String MARKER = "# ---- everything after this line is verbatim";

  /** A row of a dcgm-exporter counter CSV: {@code name, type, help}, each trimmed as dcgm-exporter does. */
  public record CsvRow(String name, String type, String help) {}

  private DcgmExporterSamples() {}

  /** The verbatim exposition of a sample file: everything after its header's marker line. */
  public static String exposition(String file) {
    String text = read(file);
    int marker = text.indexOf(MARKER);
    if (marker < 0) {
      throw new AssertionError(file + " has no '" + MARKER + "' line");
    }
    return text.substring(text.indexOf('\n', marker) + 1);
  }

  /** The rows of a counter CSV by name, in file order; {@code #} lines and blank lines skipped. */
  public static Map<String, CsvRow> counters(String file) {
    return rows(file, false);
  }

  /**
   * The commented-out rows of a counter CSV ({@code # NAME, type, help}): fields dcgm-exporter ships off, for a
   * site to turn on.
   */
  public static Map<String, CsvRow> optInCounters(String file) {
    return rows(file, true);
  }

  private static Map<String, CsvRow> rows(String file, boolean commented) {
    Map<String, CsvRow> rows = new LinkedHashMap<>();
    for (String line : read(file).split("\n")) {
      boolean comment = line.startsWith("#");
      if (line.isBlank() || comment != commented) {
        continue;
      }
      if (commented) {
        line = line.substring(1);
        if (!line.strip().matches("DCGM_\\w+\\s*,.*")) {
          continue; // prose
        }
      }
      String[] fields = line.split(",", -1);
      if (fields.length != 3) {
        throw new AssertionError(file + ": not 3 fields: " + line);
      }
      rows.put(fields[0].strip(), new CsvRow(fields[0].strip(), fields[1].strip(), fields[2].strip()));
    }
    return rows;
  }

  /** The sample (non-#) lines of {@code exposition}. */
  public static List<String> sampleLines(String exposition) {
    return exposition.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static String read(String file) {
    try {
      return Files.readString(SharedFixtures.require("dcgm-exporter/samples/" + file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
