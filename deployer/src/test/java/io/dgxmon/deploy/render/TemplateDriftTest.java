package io.dgxmon.deploy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.deploy.config.DeployConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The static units in systemd/ (what the exporter and role-monitor engineers test) equal our default rendering. */
class TemplateDriftTest {
  @ParameterizedTest
  @ValueSource(strings = {"dgxmon-exporter.service", "dgxmon-role-monitor.service"})
  void defaultConfigRendersTheStaticUnitByteForByte(String unit) throws Exception {
    Path staticUnit = Path.of("../systemd", unit);
    // A missing unit is a failure, not a skip: the deployer would then install a unit nobody checked.
    assertTrue(Files.isRegularFile(staticUnit), staticUnit.toAbsolutePath().normalize() + " is missing");
    DeployConfig defaults = ConfigReader.parse("defaults", "{\"headNode\": {\"host\": \"h\"}, \"nodes\": [\"n\"]}");
    String rendered = new String(
        new TemplateRenderer().render("systemd/" + unit, TemplateModel.of(defaults, "n")), StandardCharsets.UTF_8);
    assertEquals(Files.readString(staticUnit), rendered);
  }
}
