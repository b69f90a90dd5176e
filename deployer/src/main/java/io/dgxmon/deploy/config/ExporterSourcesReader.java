package io.dgxmon.deploy.config;

import io.dgxmon.common.config.GoDuration;
import io.dgxmon.common.config.JsonFields;
import io.dgxmon.common.defaults.EnergyDefaults;
import io.dgxmon.deploy.config.DeployConfig.ExporterEnergy;
import io.dgxmon.deploy.config.DeployConfig.ExporterKubernetes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code exporter.energy} and {@code exporter.kubernetes}, the exporter settings of its energy sources and pod
 * labels, by the exporter's own rules, so a node never gets an exporter config its exporter refuses. A key left out
 * stays out of the exporter's config.
 */
final class ExporterSourcesReader {
  /** A Kubernetes extended resource name, as the exporter's {@code kubernetes.resource-names} takes it. */
  static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_.]*/[-A-Za-z0-9_.]+");
  private static final String DURATION = "a duration longer than 0 such as 500ms, 5s or 1m30s";

  private ExporterSourcesReader() {}

  static ExporterEnergy energy(JsonFields f) {
    Optional<Boolean> rapl = f.has("rapl") ? Optional.of(f.bool("rapl", true)) : Optional.empty();
    Optional<String> tool = Optional.ofNullable(FieldRules.IPMI_TOOL.read(f, "ipmiTool", null));
    Optional<String> toolPath = Optional.ofNullable(
        f.string("ipmiToolPath", null, ExporterSourcesReader::isProgramPath,
            "an absolute normalised path to a program (such as /usr/bin/ipmitool; " + SafePaths.RULES + ")"));
    Optional<String> interval = duration(f, "ipmiInterval");
    Optional<String> timeout = duration(f, "ipmiTimeout");
    Duration effectiveInterval = GoDuration.parse(interval.orElse(EnergyDefaults.IPMI_INTERVAL));
    Duration effectiveTimeout = GoDuration.parse(timeout.orElse(EnergyDefaults.IPMI_TIMEOUT));
    if (effectiveTimeout.compareTo(effectiveInterval) > 0) {
      String given = timeout.map(t -> "\"" + t + "\"").orElse("the default " + EnergyDefaults.IPMI_TIMEOUT);
      f.problem("ipmiTimeout", given + " is longer than ipmiInterval ("
          + interval.orElse("default " + EnergyDefaults.IPMI_INTERVAL)
          + "): one BMC reading must end before the next starts");
    }
    f.finish();
    return new ExporterEnergy(rapl, tool, toolPath, interval, timeout);
  }

  static ExporterKubernetes kubernetes(JsonFields f) {
    var k = new ExporterKubernetes(
        Optional.ofNullable(FieldRules.KUBERNETES_MODE.read(f, "mode", null)),
        Optional.ofNullable(SafePaths.absolutePath(f, "podResourcesSocket", null)).filter(p -> !p.isEmpty()),
        duration(f, "refreshInterval"),
        duration(f, "timeout"),
        f.oneOrMoreStrings("resourceNames", List.of(), RESOURCE_NAME.asMatchPredicate(),
            "a resource name such as nvidia.com/gpu"));
    f.finish();
    return k;
  }

  private static Optional<String> duration(JsonFields f, String key) {
    return Optional.ofNullable(f.string(key, null, ExporterSourcesReader::isPositiveDuration, DURATION));
  }

  private static boolean isPositiveDuration(String text) {
    try {
      return !GoDuration.parse(text).isZero();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The exporter runs it without a shell or a PATH search: an absolute path, and not "/" itself. */
  private static boolean isProgramPath(String text) {
    return !text.equals("/") && SafePaths.isSafeAbsolutePath(text);
  }
}
