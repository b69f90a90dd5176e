package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.exporter.config.DcmiToolKind;
import io.dgxmon.exporter.config.EnergyConfig.DcmiTool;
import io.dgxmon.exporter.energy.DcmiAnswer;
import io.dgxmon.exporter.energy.DcmiReading;
import io.dgxmon.exporter.energy.PowercapScan;
import io.dgxmon.exporter.energy.PowercapScan.Kind;
import io.dgxmon.exporter.energy.PowercapScan.ZoneProblem;
import io.dgxmon.exporter.energy.RaplZone;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The [energy] section of --check from plain facts. */
class EnergyLinesTest {
  static final Path DIR = Path.of("/sys/class/powercap");
  static final DcmiTool IPMITOOL = new DcmiTool(DcmiToolKind.IPMITOOL, Path.of("/usr/bin/ipmitool"));

  static List<String> render(EnergyFacts facts) {
    return EnergyLines.lines(facts).stream().map(CheckLine::render).toList();
  }

  @Test
  void readableZonesAndOneBmcReading() {
    PowercapScan scan = new PowercapScan(List.of(new RaplZone("intel-rapl:0", "0", "package", 240422366267L,
        262143328850L), new RaplZone("intel-rapl:1", "", "psys", 5, 262143328850L)), List.of());
    DcmiReading reading = new DcmiReading(221, OptionalDouble.of(213), OptionalDouble.of(487), OptionalDouble.of(222),
        OptionalDouble.of(300), Optional.of(true));
    assertEquals(List.of(
        "OK   rapl: intel-rapl:0 (package 0 package): 240422366267 uJ, wraps at 262143328850",
        "OK   rapl: intel-rapl:1 (psys): 5 uJ, wraps at 262143328850",
        "INFO cpus: 64 online CPUs",
        "OK   ipmi: ipmitool (/usr/bin/ipmitool): 221 W now; minimum 213, maximum 487, average 222 W over 300 s;"
            + " measurement active"),
        render(new EnergyFacts(true, DIR, Optional.of(scan), "", "64", true, Optional.of(IPMITOOL),
            Optional.of(DcmiAnswer.of(reading)))));
  }

  @Test
  void unreadableZonesAndAFailedReadingAreWarnings() {
    PowercapScan scan = new PowercapScan(List.of(), List.of(
        new ZoneProblem("intel-rapl:0", Kind.NOT_READABLE, "energy_uj: permission denied"),
        new ZoneProblem("intel-rapl:0:0", Kind.NOT_READABLE, "energy_uj: permission denied"),
        new ZoneProblem("intel-rapl:1", Kind.INVALID, "energy_uj: \"x\" is not a whole number")));
    assertEquals(List.of(
        "WARN rapl: energy_uj of intel-rapl:0, intel-rapl:0:0 not readable by this user (root-only since the"
            + " CVE-2020-8694 fix): those zones are not exported; grant read access as in docs/Energy-Sources.md",
        "WARN rapl: zone intel-rapl:1 skipped: energy_uj: \"x\" is not a whole number",
        "WARN cpus: cannot count the online CPUs: \"\" is not a CPU list such as 0-63 or 0-3,8",
        "WARN ipmi: ipmitool (/usr/bin/ipmitool): exit status 1: DCMI request failed because: Invalid command (c1)"),
        render(new EnergyFacts(true, DIR, Optional.of(scan), "", "\"\" is not a CPU list such as 0-63 or 0-3,8",
            false, Optional.of(IPMITOOL),
            Optional.of(DcmiAnswer.failed("exit status 1: DCMI request failed because: Invalid command (c1)")))));
  }

  @Test
  void noPowercapAndEverythingOff() {
    assertEquals(List.of("INFO rapl: no RAPL zones under /sys/class/powercap (no powercap RAPL driver, or a VM):"
        + " no CPU energy", "INFO cpus: 8 online CPUs", "INFO ipmi: off"),
        render(new EnergyFacts(true, DIR, Optional.of(new PowercapScan(List.of(), List.of())), "", "8", true,
            Optional.empty(), Optional.empty())));
    assertEquals(List.of("INFO rapl: off", "INFO ipmi: off"), render(EnergyFacts.off(DIR)));
  }
}
