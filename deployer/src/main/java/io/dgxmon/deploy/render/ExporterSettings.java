package io.dgxmon.deploy.render;

import io.dgxmon.deploy.config.DeployConfig.Exporter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The exporter options of {@code exporter.energy} and {@code exporter.kubernetes} under the exporter's own key names
 * (docs/Exporter.md), only those the admin set: what is left out keeps the exporter's default.
 */
final class ExporterSettings {
  private ExporterSettings() {}

  /** Exporter key → value (a String, or a Boolean for {@code rapl.enabled}), in the order of docs/Exporter.md. */
  static Map<String, Object> of(Exporter exporter) {
    Map<String, Object> settings = new LinkedHashMap<>();
    var k = exporter.kubernetes();
    put(settings, "kubernetes", k.mode());
    put(settings, "kubernetes.pod-resources-socket", k.podResourcesSocket());
    put(settings, "kubernetes.refresh-interval", k.refreshInterval());
    put(settings, "kubernetes.timeout", k.timeout());
    if (!k.resourceNames().isEmpty()) {
      settings.put("kubernetes.resource-names", String.join(",", k.resourceNames()));
    }
    var e = exporter.energy();
    put(settings, "rapl.enabled", e.rapl());
    put(settings, "ipmi.tool", e.ipmiTool());
    put(settings, "ipmi.tool-path", e.ipmiToolPath());
    put(settings, "ipmi.interval", e.ipmiInterval());
    put(settings, "ipmi.timeout", e.ipmiTimeout());
    return settings;
  }

  private static void put(Map<String, Object> settings, String key, Optional<?> value) {
    value.ifPresent(v -> settings.put(key, v));
  }
}
