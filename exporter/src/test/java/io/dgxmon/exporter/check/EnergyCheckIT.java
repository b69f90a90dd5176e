package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.energy.IpmiCaptures;
import io.dgxmon.exporter.energy.PowercapTrees;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar's {@code --check} [energy] section over a fake powercap tree whose {@code energy_uj} files are
 * {@code 0400 root} as on a current kernel, and a fake ipmitool printing a real capture: as root every zone reads;
 * as an unprivileged user (what the service is) the check says the zones are not readable, instead of zeros.
 */
class EnergyCheckIT {
  static final Path JAR = Path.of("target/dgxmon-exporter.jar");
  @TempDir static Path dir;
  static Path sysfs;
  static Path ipmitool;

  @BeforeAll
  static void world() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "run through mvn verify: the shaded jar " + JAR.toAbsolutePath());
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the other user walks in
    sysfs = PowercapTrees.build(dir.resolve("sys"), Map.of(), "2", "1");
    ipmitool = IpmiCaptures.printing(dir, "ipmitool-asus-ami-esc8000a-e12.txt", 0);
  }

  static ProcessResult check(String... asUser) {
    List<String> command = new ArrayList<>(List.of(asUser));
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
        "-jar", JAR.toAbsolutePath().toString(), "--check", "--nvml.library", dir.resolve("no-nvml.so").toString(),
        "--path.cgroup.root", dir.resolve("cgroup").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--mig-map-file", dir.resolve("mig").toString(),
        "--dcgm.listen-address", "127.0.0.1:0", "--gpu.listen-address", "127.0.0.1:0",
        "--cgroup.listen-address", "127.0.0.1:0", "--path.sysfs", sysfs.toString(),
        "--ipmi.tool", "ipmitool", "--ipmi.tool-path", ipmitool.toString()));
    return Processes.run(Duration.ofSeconds(60), Map.of(), command);
  }

  static List<String> energySection(ProcessResult result) {
    List<String> lines = result.stdout().lines().toList();
    return lines.subList(lines.indexOf("[energy]") + 1, lines.indexOf("[listen]"));
  }

  @Test
  void rootReadsEveryZoneAndOneBmcReading() {
    ProcessResult result = check();
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(
        "OK   rapl: intel-rapl:0 (package 0 package): 240422366267 uJ, wraps at 262143328850",
        "OK   rapl: intel-rapl:0:0 (package 0 dram): 12345678901 uJ, wraps at 65712999613",
        "OK   rapl: intel-rapl:1 (package 1 package): 240423366270 uJ, wraps at 262143328850",
        "OK   rapl: intel-rapl:1:0 (package 1 dram): 12345678908 uJ, wraps at 65712999613",
        "INFO cpus: 64 online CPUs",
        "OK   ipmi: ipmitool (" + ipmitool + "): 2064 W now; minimum 256, maximum 2240, average 320 W over 5 s;"
            + " measurement active"), energySection(result));
  }

  /** The service's situation: energy_uj is 0400 root, the user is not root. */
  @Test
  void anUnprivilegedUserIsToldTheZonesAreNotReadable() {
    Path setpriv = RequiredTool.require("setpriv", "util-linux");
    ProcessResult result = check(setpriv.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--");
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(
        "WARN rapl: energy_uj of intel-rapl:0, intel-rapl:0:0, intel-rapl:1, intel-rapl:1:0 not readable by this user"
            + " (root-only since the CVE-2020-8694 fix): those zones are not exported; grant read access as in"
            + " docs/Energy-Sources.md",
        "INFO cpus: 64 online CPUs",
        "OK   ipmi: ipmitool (" + ipmitool + "): 2064 W now; minimum 256, maximum 2240, average 320 W over 5 s;"
            + " measurement active"), energySection(result));
  }
}
