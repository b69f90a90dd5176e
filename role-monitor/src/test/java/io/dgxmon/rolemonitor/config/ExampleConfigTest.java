package io.dgxmon.rolemonitor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** configs/role-monitor.example.json stays valid and spells out exactly the defaults. */
class ExampleConfigTest {
  @Test
  void exampleLoadsAndEqualsTheDefaults() throws Exception {
    MonitorConfig example = ConfigLoader.load(Path.of("..", "configs", "role-monitor.example.json"));
    assertEquals(ConfigLoader.defaults(), example);
  }
}
