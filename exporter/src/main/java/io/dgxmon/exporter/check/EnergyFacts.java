package io.dgxmon.exporter.check;

import io.dgxmon.exporter.config.EnergyConfig.DcmiTool;
import io.dgxmon.exporter.energy.DcmiAnswer;
import io.dgxmon.exporter.energy.PowercapScan;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the energy collectors would read here: the RAPL zones, the online CPUs, one BMC power reading.
 *
 * @param powercapDir where the RAPL zones are looked for
 * @param rapl the zones read; empty when RAPL is off or the directory could not be listed ({@code raplProblem})
 * @param cpus the online CPU count, or why it could not be read
 * @param ipmiTool the configured DCMI tool, empty when {@code off}
 * @param ipmi its one reading; empty when off
 */
public record EnergyFacts(boolean raplEnabled, Path powercapDir, Optional<PowercapScan> rapl, String raplProblem,
    String cpus, boolean cpusRead, Optional<DcmiTool> ipmiTool, Optional<DcmiAnswer> ipmi) {

  /** Every energy source off: nothing read. */
  public static EnergyFacts off(Path powercapDir) {
    return new EnergyFacts(false, powercapDir, Optional.empty(), "", "", false, Optional.empty(), Optional.empty());
  }
}
