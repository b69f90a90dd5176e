package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fake sysfs trees built by the shared {@code make_powercap_tree.sh} (real layouts and wrap constants, see its
 * powercap-layouts.md), plus the online CPU list the energy profile reads ({@code 0-63}).
 */
public final class PowercapTrees {
  private PowercapTrees() {}

  /** Builds a tree under {@code sysfs}; {@code env} picks VENDOR, WRAP, ENERGY_MODE. */
  public static Path build(Path sysfs, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", script().toString(), sysfs.toString()));
    command.addAll(List.of(args));
    ProcessResult result = Processes.run(Duration.ofSeconds(30), env, command);
    assertEquals(0, result.exitCode(), result.toString());
    Path online = sysfs.resolve("devices/system/cpu/online");
    Files.createDirectories(online.getParent());
    Files.writeString(online, "0-63\n");
    return sysfs;
  }

  /** Adds {@code microjoules} to the zones' energy_uj, wrapping as the hardware does. */
  static void advance(Path sysfs, long microjoules, String... zones) {
    List<String> command = new ArrayList<>(List.of("bash", script().toString(), "--advance", sysfs.toString(),
        Long.toString(microjoules)));
    command.addAll(List.of(zones));
    ProcessResult result = Processes.run(Duration.ofSeconds(30), Map.of(), command);
    assertEquals(0, result.exitCode(), result.toString());
  }

  private static Path script() {
    return SharedFixtures.require("energy/powercap/make_powercap_tree.sh");
  }
}
