package io.dgxmon.exporter.check;

import static io.dgxmon.exporter.check.CheckLine.info;
import static io.dgxmon.exporter.check.CheckLine.ok;
import static io.dgxmon.exporter.check.CheckLine.warn;

import io.dgxmon.exporter.config.EnergyConfig.DcmiTool;
import io.dgxmon.exporter.energy.DcmiAnswer;
import io.dgxmon.exporter.energy.DcmiReading;
import io.dgxmon.exporter.energy.PowercapScan;
import io.dgxmon.exporter.energy.PowercapScan.Kind;
import io.dgxmon.exporter.energy.PowercapScan.ZoneProblem;
import io.dgxmon.exporter.energy.RaplZone;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The {@code [energy]} section of {@code --check}: RAPL readability, online CPUs, one BMC reading. Pure. */
final class EnergyLines {
  private EnergyLines() {}

  static List<CheckLine> lines(EnergyFacts facts) {
    List<CheckLine> lines = new ArrayList<>(rapl(facts));
    if (facts.raplEnabled() || facts.ipmiTool().isPresent()) {
      lines.add(facts.cpusRead() ? info("cpus", facts.cpus() + " online CPUs")
          : warn("cpus", "cannot count the online CPUs: " + facts.cpus()));
    }
    lines.add(facts.ipmiTool().map(tool -> ipmi(tool, facts.ipmi().orElseThrow())).orElse(info("ipmi", "off")));
    return lines;
  }

  private static List<CheckLine> rapl(EnergyFacts facts) {
    if (!facts.raplEnabled()) {
      return List.of(info("rapl", "off"));
    }
    if (facts.rapl().isEmpty()) {
      return List.of(warn("rapl", "cannot list " + facts.powercapDir() + ": " + facts.raplProblem()));
    }
    PowercapScan scan = facts.rapl().get();
    if (scan.zones().isEmpty() && scan.problems().isEmpty()) {
      return List.of(info("rapl", "no RAPL zones under " + facts.powercapDir()
          + " (no powercap RAPL driver, or a VM): no CPU energy"));
    }
    List<CheckLine> lines = new ArrayList<>();
    for (RaplZone zone : scan.zones()) {
      lines.add(ok("rapl", zone.id() + " (" + (zone.packageLabel().isEmpty() ? "" : "package " + zone.packageLabel()
          + " ") + zone.domain() + "): " + zone.energyMicrojoules() + " uJ, wraps at " + zone.maxRangeMicrojoules()));
    }
    List<String> refused = scan.problems().stream().filter(p -> p.kind() == Kind.NOT_READABLE)
        .map(ZoneProblem::id).toList();
    if (!refused.isEmpty()) {
      lines.add(warn("rapl", "energy_uj of " + String.join(", ", refused) + " not readable by this user (root-only"
          + " since the CVE-2020-8694 fix): those zones are not exported; grant read access as in"
          + " docs/Energy-Sources.md"));
    }
    scan.problems().stream().filter(p -> p.kind() == Kind.INVALID)
        .forEach(p -> lines.add(warn("rapl", "zone " + p.id() + " skipped: " + p.detail())));
    return lines;
  }

  private static CheckLine ipmi(DcmiTool tool, DcmiAnswer answer) {
    String who = tool.kind().configValue() + " (" + tool.program() + ")";
    if (answer.reading().isEmpty()) {
      return warn("ipmi", who + ": " + answer.problem());
    }
    DcmiReading r = answer.reading().get();
    StringBuilder text = new StringBuilder(who + ": " + watts(r.currentWatts()) + " W now");
    if (r.averageWatts().isPresent()) {
      text.append("; minimum ").append(watts(r.minimumWatts())).append(", maximum ").append(watts(r.maximumWatts()))
          .append(", average ").append(watts(r.averageWatts())).append(" W");
      r.periodSeconds().ifPresent(p -> text.append(" over ").append(FieldResult.number(p)).append(" s"));
    }
    r.measurementActive().ifPresent(a -> text.append(a ? "; measurement active"
        : "; the BMC says its measurement is not active (only the instantaneous value is exported)"));
    return ok("ipmi", text.toString());
  }

  private static String watts(double value) {
    return FieldResult.number(value);
  }

  private static String watts(OptionalDouble value) {
    return value.isPresent() ? watts(value.getAsDouble()) : "?";
  }
}
