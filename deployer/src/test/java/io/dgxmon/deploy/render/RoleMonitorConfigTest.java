package io.dgxmon.deploy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.deploy.config.ConfigReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The role-monitor.json we render uses only the keys and shapes of the role monitor's own documented example
 * (configs/role-monitor.example.json, which its tests load with the real parser); no module dependency needed.
 */
class RoleMonitorConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void defaultRenderingUsesTheRoleMonitorsKeysAndExporterShape() throws Exception {
    JsonNode rendered = render("{\"headNode\": {\"host\": \"h\"}, \"nodes\": [\"n\"]}");
    assertShapeOfExample(rendered);
    assertEquals(9400, rendered.at("/exporters/dcgm/port").asInt());
    assertEquals("dcgm_exporter", rendered.at("/exporters/dcgm/job").asText());
    assertEquals(9100, rendered.at("/exporters/node/port").asInt());
    assertEquals("hostname", rendered.get("address").asText());
    assertEquals(":9489", rendered.get("metricsListenAddress").asText());
    JsonNode example = JSON.readTree(Path.of("../configs/role-monitor.example.json").toFile());
    for (String key : List.of("pollIntervalSeconds", "cmshTimeoutSeconds", "targetsDir", "cluster", "roles")) {
      assertEquals(example.get(key), rendered.get(key), key + ": the deployer's default is the monitor's own");
    }
  }

  @Test
  void aPortTurnedOffDisablesThatExporterAndSettingsCarryOver() throws Exception {
    JsonNode rendered = render("{\"cluster\": \"c1\", \"headNode\": {\"host\": \"h\"}, \"nodes\": [\"n\"],"
        + " \"ports\": {\"cgroup\": 0, \"roleMonitor\": 0},"
        + " \"roleMonitor\": {\"address\": \"ip\", \"roles\": [\"slurmclient\", \"gpu\"], \"labels\": {\"site\": \"x\"}}}");
    assertShapeOfExample(rendered);
    assertFalse(rendered.at("/exporters/cgroup/enabled").asBoolean());
    assertEquals("ip", rendered.get("address").asText());
    assertEquals("c1", rendered.get("cluster").asText());
    assertEquals("off", rendered.get("metricsListenAddress").asText());
    assertEquals("x", rendered.at("/labels/site").asText());
    assertEquals(List.of("slurmclient", "gpu"), List.of(rendered.at("/roles/0").asText(), rendered.at("/roles/1").asText()));
  }

  private static JsonNode render(String config) throws Exception {
    return JSON.readTree(new TemplateRenderer().render("etc/role-monitor.json",
        TemplateModel.of(ConfigReader.parse("test", config), "")));
  }

  /** Top-level keys, exporter names and each exporter's keys all appear in the role monitor's example. */
  private static void assertShapeOfExample(JsonNode rendered) throws Exception {
    JsonNode example = JSON.readTree(Path.of("../configs/role-monitor.example.json").toFile());
    assertTrue(keys(example).containsAll(keys(rendered)), "unknown to the role monitor: " + minus(rendered, example));
    JsonNode exporters = rendered.get("exporters");
    assertTrue(keys(example.get("exporters")).containsAll(keys(exporters)), exporters.toString());
    Set<String> exporterKeys = keys(example.at("/exporters/dcgm"));
    exporters.fields().forEachRemaining(e -> {
      assertTrue(exporterKeys.containsAll(keys(e.getValue())), e.getKey() + ": " + e.getValue());
      if (e.getValue().get("enabled").asBoolean()) {
        assertTrue(e.getValue().get("port").canConvertToInt(), e.getKey() + " needs a port");
        assertTrue(e.getValue().get("job").asText().matches("[a-zA-Z_][a-zA-Z0-9_]*"), e.getKey() + " needs a job");
      }
    });
    assertTrue(Set.of("hostname", "ip").contains(rendered.get("address").asText()), rendered.get("address").toString());
    assertTrue(rendered.get("metricsListenAddress").asText().matches("off|[A-Za-z0-9.-]*:\\d{1,5}"),
        rendered.get("metricsListenAddress").toString());
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new HashSet<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Set<String> minus(JsonNode a, JsonNode b) {
    Set<String> k = keys(a);
    k.removeAll(keys(b));
    return k;
  }
}
