package io.dgxmon.exporter.check;

import static io.dgxmon.exporter.check.CheckLine.info;
import static io.dgxmon.exporter.check.CheckLine.ok;
import static io.dgxmon.exporter.check.CheckLine.warn;

import io.dgxmon.exporter.gpu.GpuField;
import io.dgxmon.exporter.gpu.GpuIdentity;
import io.dgxmon.exporter.gpu.MigInstance;
import io.dgxmon.exporter.gpu.MigMode;
import java.util.ArrayList;
import java.util.List;

/** The {@code [nvml]} and {@code [gpu N]} sections of the check's report. Pure. */
final class GpuLines {
  private static final double MIB = 1024.0 * 1024.0;

  private GpuLines() {}

  static List<CheckLine> nvml(NvmlFacts nvml) {
    if (!nvml.used()) {
      return List.of(info("nvml", "not loaded: the dcgm and gpu listeners are both off"));
    }
    if (nvml.problem().isPresent()) {
      return List.of(warn("nvml", nvml.problem().get()
          + " (the service still starts; its GPU collectors report dgxmon_scrape_collector_success 0)"));
    }
    String text = nvml.library() + ": driver " + nvml.driverVersion() + ", NVML " + nvml.nvmlVersion() + ", "
        + nvml.gpus().size() + " GPU" + (nvml.gpus().size() == 1 ? "" : "s");
    return List.of(nvml.gpus().isEmpty() ? warn("nvml", text + ": NVML sees no GPU") : ok("nvml", text));
  }

  /** One section per GPU: identity, every field, GPM, MIG and its instances. */
  static List<CheckLine> gpu(GpuFacts gpu) {
    String topic = "gpu " + gpu.identity().index();
    List<CheckLine> lines = new ArrayList<>();
    lines.add(gpu.error().isPresent()
        ? warn(topic, identity(gpu.identity()) + " is down: " + gpu.error().get()
            + " (the service exports dgxmon_gpu_up 0 and no other series for it)")
        : ok(topic, identity(gpu.identity())));
    gpu.fields().forEach(field -> lines.add(info(topic, field.text())));
    lines.add(info(topic, "GPM " + (gpu.gpmSupported() ? "supported" : "not supported")));
    lines.add(info(topic, "MIG " + mig(gpu.migMode(), gpu.migInstances().size())));
    for (MigInstance instance : gpu.migInstances()) {
      lines.add(info(topic, "MIG instance " + instance.mappingKey(gpu.identity().index()) + " "
          + instance.profile() + " " + instance.uuid() + memory(instance)));
    }
    return lines;
  }

  private static String identity(GpuIdentity id) {
    return id.uuid() + " \"" + id.name() + "\", PCI " + id.pciBusId() + ", minor " + id.minorNumber();
  }

  private static String mig(MigMode mode, int instances) {
    return switch (mode) {
      case ENABLED -> "enabled, " + instances + " GPU instance" + (instances == 1 ? "" : "s");
      case DISABLED -> "disabled";
      case NOT_SUPPORTED -> "not supported";
    };
  }

  private static String memory(MigInstance instance) {
    Double used = instance.readings().get(GpuField.FB_USED_BYTES);
    Double total = instance.readings().get(GpuField.FB_TOTAL_BYTES);
    if (used == null || total == null) {
      return "";
    }
    return ", memory used " + FieldResult.number(Math.round(used / MIB)) + " of "
        + FieldResult.number(Math.round(total / MIB)) + " MiB";
  }
}
