package io.dgxmon.exporter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The energy sources of the :9306 profile (docs/Energy-Sources.md).
 *
 * @param raplEnabled read RAPL energy counters from {@code <sysfs>/class/powercap}
 * @param sysfs where sysfs is mounted: RAPL under {@code class/powercap}, online CPUs under {@code devices/system/cpu}
 * @param ipmiTool the BMC power reader and its program, empty when {@code off}
 * @param ipmiInterval pause between two BMC readings
 * @param ipmiTimeout longest a BMC reading may run before the tool is killed
 */
public record EnergyConfig(boolean raplEnabled, Path sysfs, Optional<DcmiTool> ipmiTool,
    Duration ipmiInterval, Duration ipmiTimeout) {

  /** A DCMI reader program: which one (its argv and output format) and where it is. */
  public record DcmiTool(DcmiToolKind kind, Path program) {}

  /** Whether any energy collector runs (then {@code dgxmon_node_cpus} is exported too). */
  public boolean anySource() {
    return raplEnabled || ipmiTool.isPresent();
  }
}
