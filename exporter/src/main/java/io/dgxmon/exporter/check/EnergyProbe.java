package io.dgxmon.exporter.check;

import io.dgxmon.exporter.config.EnergyConfig;
import io.dgxmon.exporter.energy.DcmiAnswer;
import io.dgxmon.exporter.energy.DcmiReader;
import io.dgxmon.exporter.energy.EnergyProfile;
import io.dgxmon.exporter.energy.OnlineCpus;
import io.dgxmon.exporter.energy.PowercapReader;
import io.dgxmon.exporter.energy.PowercapScan;
import io.dgxmon.exporter.files.BoundedFiles;
import io.dgxmon.exporter.files.FileProblems;
import java.io.IOException;
import java.util.Optional;

/** Reads once what the energy collectors read: RAPL zones and the CPU list through the service's readers, one BMC reading. */
final class EnergyProbe {
  private EnergyProbe() {}

  static EnergyFacts probe(EnergyConfig config) throws InterruptedException {
    BoundedFiles files = new BoundedFiles(EnergyProfile.SYSFS_LIMITS, new FileProblems(line -> { }));
    PowercapReader reader = new PowercapReader(config.sysfs(), files);
    if (!config.anySource()) {
      return EnergyFacts.off(reader.classDir());
    }
    Optional<PowercapScan> scan = Optional.empty();
    String raplProblem = "";
    if (config.raplEnabled()) {
      try {
        scan = Optional.of(reader.read());
      } catch (IOException e) {
        raplProblem = String.valueOf(e.getMessage());
      }
    }
    String cpus;
    boolean cpusRead;
    try {
      cpus = String.valueOf(OnlineCpus.count(files.readOrThrow(config.sysfs().resolve("devices/system/cpu/online"))));
      cpusRead = true;
    } catch (IOException | IllegalArgumentException e) {
      cpus = String.valueOf(e.getMessage());
      cpusRead = false;
    }
    Optional<DcmiAnswer> ipmi = Optional.empty();
    if (config.ipmiTool().isPresent()) {
      try (DcmiReader dcmi = new DcmiReader(config.ipmiTool().get(), config.ipmiTimeout())) {
        ipmi = Optional.of(dcmi.read());
      }
    }
    return new EnergyFacts(config.raplEnabled(), reader.classDir(), scan, raplProblem, cpus, cpusRead,
        config.ipmiTool(), ipmi);
  }
}
