package io.dgxmon.exporter.energy;

import io.dgxmon.exporter.energy.PowercapScan.Kind;
import io.dgxmon.exporter.energy.PowercapScan.ZoneProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Logs what the RAPL collector finds once, and again only when it changes: no zones, zones whose {@code energy_uj}
 * this user may not read (the usual case after CVE-2020-8694 until an admin grants it), malformed zones.
 */
final class RaplReport {
  private final Consumer<String> log;
  private String last;

  RaplReport(Consumer<String> log) {
    this.log = log;
  }

  synchronized void report(Path classDir, PowercapScan scan) {
    String line = describe(classDir, scan);
    if (!line.equals(last)) {
      last = line;
      if (!line.isEmpty()) {
        log.accept(line);
      }
    }
  }

  /** One line, or empty when every zone found was read. */
  static String describe(Path classDir, PowercapScan scan) {
    if (scan.zones().isEmpty() && scan.problems().isEmpty()) {
      return "rapl: no RAPL zones under " + classDir + " (no powercap RAPL driver, or a VM); no CPU energy exported";
    }
    StringBuilder line = new StringBuilder();
    List<ZoneProblem> refused = scan.problems().stream().filter(p -> p.kind() == Kind.NOT_READABLE).toList();
    if (!refused.isEmpty()) {
      line.append("rapl: energy_uj not readable for ").append(refused.size()).append(" zone")
          .append(refused.size() == 1 ? "" : "s").append(" (").append(ids(refused))
          .append("): root-only since the CVE-2020-8694 fix; grant the exporter's group read access"
              + " (docs/Energy-Sources.md). Those zones are not exported.");
    }
    scan.problems().stream().filter(p -> p.kind() == Kind.INVALID).forEach(p -> line
        .append(line.length() == 0 ? "rapl: " : "; ").append("zone ").append(p.id()).append(": ").append(p.detail()));
    return line.toString();
  }

  private static String ids(List<ZoneProblem> problems) {
    return String.join(", ", problems.stream().map(ZoneProblem::id).limit(8).toList())
        + (problems.size() > 8 ? ", ..." : "");
  }
}
