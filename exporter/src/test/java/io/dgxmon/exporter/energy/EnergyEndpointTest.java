package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.exporter.ExporterServer;
import io.dgxmon.exporter.ExporterServer.Endpoint;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The :9306 listener serves RAPL energy, the BMC's power and the CPU count from a fake sysfs and a fake ipmitool. */
class EnergyEndpointTest {
  @TempDir Path tmp;

  @Test
  void servesTheAgreedFamiliesOnTheCgroupProfile() throws Exception {
    Path sysfs = PowercapTrees.build(tmp.resolve("sys"), Map.of(), "2", "1");
    Path ipmitool = IpmiCaptures.printing(tmp, "ipmitool-hpe-ilo4-dl360gen9.txt", 0);
    try (ExporterServer server = ExporterServer.start(ExporterCommand.parseConfig(Map.of(),
        "--dcgm.listen-address", "off", "--gpu.listen-address", "off", "--cgroup.listen-address", "127.0.0.1:0",
        "--path.cgroup.root", tmp.resolve("nocgroup").toString(), "--job-info-dir", tmp.resolve("jobs").toString(),
        "--path.sysfs", sysfs.toString(), "--ipmi.tool", "ipmitool", "--ipmi.tool-path", ipmitool.toString(),
        "--ipmi.interval", "1s", "--ipmi.timeout", "1s"), line -> { })) {
      String url = "http://127.0.0.1:" + server.port(Endpoint.CGROUP).getAsInt() + "/metrics";
      String text = Await.until("the BMC reading on /metrics", Duration.ofSeconds(20), Await.DEFAULT_INTERVAL,
          () -> scrape(url), t -> t.contains("dgxmon_node_power_watts"));
      for (String line : new String[] {
          "dgxmon_node_rapl_energy_joules_total{domain=\"package\",package=\"0\"} 240422.366267",
          "dgxmon_node_rapl_energy_joules_total{domain=\"dram\",package=\"1\"} 12345.678908",
          "dgxmon_node_rapl_zones{state=\"readable\"} 4",
          "dgxmon_node_cpus 64",
          "dgxmon_node_power_watts 221.0",
          "dgxmon_node_power_minimum_watts 213.0",
          "dgxmon_node_power_maximum_watts 487.0",
          "dgxmon_node_power_average_watts 222.0",
          "dgxmon_node_power_statistics_period_seconds 300.0",
          "dgxmon_node_power_reading_success 1.0",
          "dgxmon_node_power_reading_failures_total 0.0",
          "dgxmon_scrape_collector_success{collector=\"rapl\"} 1"}) {
        assertTrue(text.contains(line), "missing " + line + " in\n" + text);
      }
      assertTrue(text.contains("dgxmon_node_power_reading_age_seconds "), text);
      Promtool.checkMetrics(text, CompatibilityLint.CGROUP_PROFILE);
    }
  }

  private static String scrape(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
