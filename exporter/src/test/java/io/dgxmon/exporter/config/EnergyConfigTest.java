package io.dgxmon.exporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgxmon.common.config.ConfigException;
import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.exporter.config.EnergyConfig.DcmiTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The energy keys: defaults, the tool's default path, and bad values named by their field. */
class EnergyConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsReadRaplAndNoBmc() throws ConfigException {
    assertEquals(new EnergyConfig(true, Path.of("/sys"), Optional.empty(), Duration.ofSeconds(30),
        Duration.ofSeconds(10)), ExporterCommand.parseConfig(Map.of()).energy());
  }

  @Test
  void eachToolHasItsUsualPathUnlessOneIsGiven() throws Exception {
    assertEquals(Optional.of(new DcmiTool(DcmiToolKind.IPMITOOL, Path.of("/usr/bin/ipmitool"))),
        ExporterCommand.parseConfig(Map.of(), "--ipmi.tool", "ipmitool").energy().ipmiTool());
    assertEquals(Optional.of(new DcmiTool(DcmiToolKind.IPMI_DCMI, Path.of("/usr/sbin/ipmi-dcmi"))),
        ExporterCommand.parseConfig(Map.of(), "--ipmi.tool", "ipmi-dcmi").energy().ipmiTool());
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\"ipmi.tool\": \"ipmi-dcmi\", \"ipmi.tool-path\": \"/opt/freeipmi/sbin/ipmi-dcmi\","
        + " \"rapl.enabled\": false, \"path.sysfs\": \"/host/sys\", \"ipmi.interval\": \"1m\"}");
    assertEquals(new EnergyConfig(false, Path.of("/host/sys"),
        Optional.of(new DcmiTool(DcmiToolKind.IPMI_DCMI, Path.of("/opt/freeipmi/sbin/ipmi-dcmi"))),
        Duration.ofMinutes(1), Duration.ofSeconds(10)),
        ExporterCommand.parseConfig(Map.of(), "--config", file.toString()).energy());
  }

  @Test
  void badValuesAreNamedByTheirField() throws Exception {
    Path file = dir.resolve("exporter.json");
    Files.writeString(file, "{\"ipmi.tool\": \"ipmiutil\", \"ipmi.tool-path\": \"bin/../ipmitool\","
        + " \"rapl.enabled\": \"yes\", \"ipmi.interval\": \"5s\", \"ipmi.timeout\": \"6s\"}");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ExporterCommand.parseConfig(Map.of(), "--config", file.toString()));
    assertEquals(file + ": 4 problem(s):\n"
        + "  ipmi.tool: \"ipmiutil\" is not off, ipmitool or ipmi-dcmi\n"
        + "  ipmi.tool-path: \"bin/../ipmitool\" is not an absolute path to a program (such as /usr/bin/ipmitool)\n"
        + "  ipmi.timeout: \"6s\" is longer than ipmi.interval (5s): one BMC reading must end before the next starts\n"
        + "  rapl.enabled: \"yes\" is not true or false", e.getMessage());
    ConfigException zero = assertThrows(ConfigException.class,
        () -> ExporterCommand.parseConfig(Map.of(), "--ipmi.interval", "0", "--ipmi.tool-path", "/usr/bin/../ipmitool"));
    assertEquals("command line: 2 problem(s):\n"
        + "  --ipmi.tool-path: \"/usr/bin/../ipmitool\" is not an absolute path to a program (such as"
        + " /usr/bin/ipmitool)\n  --ipmi.interval: \"0\" is not longer than 0", zero.getMessage());
  }
}
