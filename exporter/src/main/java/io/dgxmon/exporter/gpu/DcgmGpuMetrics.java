package io.dgxmon.exporter.gpu;

import static io.dgxmon.exporter.gpu.MetricFamilies.Kind.COUNTER_WITHOUT_SUFFIX;
import static io.dgxmon.exporter.gpu.MetricFamilies.Kind.GAUGE;

import io.dgxmon.exporter.gpu.MetricFamilies.Kind;
import io.dgxmon.exporter.pods.PodAssignments;
import io.dgxmon.exporter.pods.PodLabels;
import io.dgxmon.exporter.pods.PodRef;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The :9400 profile: dcgm-exporter's default counters (etc/default-counters.csv) that NVML can read, with its names,
 * help strings, units and labels {@code gpu, UUID, pci_bus_id, device, modelName, [GPU_I_PROFILE, GPU_I_ID],
 * Hostname, DCGM_FI_DRIVER_VERSION, hpc_job}. With MIG on, each GPU instance is an entity of its own (as
 * dcgm-exporter's default {@code --devices f}); a GPU with N jobs gets every series once per job, a device held by
 * N Kubernetes containers once per container ({@code container, namespace, pod}, see docs/Kubernetes.md).
 */
public final class DcgmGpuMetrics {
  private static final double MIB = 1024.0 * 1024.0;

  /** One exported field: name, type, help (verbatim from default-counters.csv), source reading and unit change. */
  private record Field(String name, Kind kind, String help, GpuField source, DoubleUnaryOperator unit, boolean onMig) {}

  private static final List<Field> FIELDS = List.of(
      gauge("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", GpuField.SM_CLOCK_MHZ),
      gauge("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).", GpuField.MEM_CLOCK_MHZ),
      gauge("DCGM_FI_DEV_MEMORY_TEMP", "Memory temperature (in C).", GpuField.MEMORY_TEMP_C),
      gauge("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", GpuField.GPU_TEMP_C),
      new Field("DCGM_FI_DEV_POWER_USAGE", GAUGE, "Power draw (in W).", GpuField.POWER_MILLIWATTS,
          mw -> mw / 1000.0, true),
      counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "Total energy consumption since boot (in mJ).",
          GpuField.TOTAL_ENERGY_MILLIJOULES),
      counter("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "Total number of PCIe retries.", GpuField.PCIE_REPLAYS),
      wholeGpu("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", GpuField.GPU_UTIL_PERCENT),
      wholeGpu("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory utilization (in %).", GpuField.MEM_COPY_UTIL_PERCENT),
      wholeGpu("DCGM_FI_DEV_ENC_UTIL", "Encoder utilization (in %).", GpuField.ENC_UTIL_PERCENT),
      wholeGpu("DCGM_FI_DEV_DEC_UTIL", "Decoder utilization (in %).", GpuField.DEC_UTIL_PERCENT),
      gauge("DCGM_FI_DEV_XID_ERRORS", "Value of the last XID error encountered.", GpuField.LAST_XID),
      mib("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", GpuField.FB_FREE_BYTES),
      mib("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", GpuField.FB_USED_BYTES),
      mib("DCGM_FI_DEV_FB_RESERVED", "Framebuffer memory reserved (in MiB).", GpuField.FB_RESERVED_BYTES),
      counter("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "Total number of NVLink bandwidth counters for all lanes.",
          GpuField.NVLINK_BANDWIDTH_TOTAL),
      counter("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "Number of remapped rows for uncorrectable errors",
          GpuField.UNCORRECTABLE_REMAPPED_ROWS),
      counter("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "Number of remapped rows for correctable errors",
          GpuField.CORRECTABLE_REMAPPED_ROWS),
      gauge("DCGM_FI_DEV_ROW_REMAP_FAILURE", "Whether remapping of rows has failed", GpuField.ROW_REMAP_FAILURE),
      ratio("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "Ratio of time the graphics engine is active.",
          GpuField.GPM_GRAPHICS_UTIL_PERCENT),
      ratio("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "Ratio of cycles the tensor (HMMA) pipe is active.",
          GpuField.GPM_ANY_TENSOR_UTIL_PERCENT),
      ratio("DCGM_FI_PROF_DRAM_ACTIVE",
          "Ratio of cycles the device memory interface is active sending or receiving data.",
          GpuField.GPM_DRAM_BW_UTIL_PERCENT),
      wholeGpu("DCGM_FI_PROF_PCIE_TX_BYTES", "The rate of data transmitted over the PCIe bus - including both"
          + " protocol headers and data payloads - in bytes per second.", GpuField.GPM_PCIE_TX_BYTES_PER_SECOND),
      wholeGpu("DCGM_FI_PROF_PCIE_RX_BYTES", "The rate of data received over the PCIe bus - including both"
          + " protocol headers and data payloads - in bytes per second.", GpuField.GPM_PCIE_RX_BYTES_PER_SECOND));

  private final String hostnameLabel;
  private final String hostname;

  /**
   * @param hostnameLabel {@code Hostname} (dcgm-exporter up to 4.5.x) or {@code hostname} (its main branch)
   * @param hostname the label's value; empty leaves the label out, as dcgm-exporter does
   */
  public DcgmGpuMetrics(String hostnameLabel, String hostname) {
    this.hostnameLabel = hostnameLabel;
    this.hostname = hostname;
  }

  /** Every metric name this profile can produce. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(FIELDS.stream().map(Field::name).toList());
    names.add(GpuHealth.UP);
    return names;
  }

  public MetricSnapshots render(GpuSnapshot snapshot, HpcJobMap jobs) {
    return render(snapshot, jobs, PodAssignments.NONE);
  }

  public MetricSnapshots render(GpuSnapshot snapshot, HpcJobMap jobs, PodAssignments pods) {
    MetricFamilies families = new MetricFamilies();
    FIELDS.forEach(f -> families.declare(f.name(), f.help(), f.kind()));
    for (GpuDevice gpu : snapshot.gpus()) {
      if (!gpu.up()) {
        continue;
      }
      if (gpu.migEnabled()) {
        for (MigInstance instance : gpu.migInstances()) {
          Labels labels = entityLabels(snapshot, gpu, instance);
          addAll(families, labels, gpu.readings(), instance.readings(), true, jobs.jobs(instance.mappingKey(gpu.index())),
              pods.mig(gpu.index(), instance.gpuInstanceId(), instance.uuid()));
        }
      } else {
        Labels labels = entityLabels(snapshot, gpu, null);
        addAll(families, labels, gpu.readings(), Map.of(), false, jobs.jobs(String.valueOf(gpu.index())),
            pods.gpu(gpu.index(), gpu.identity().uuid()));
      }
    }
    MetricSnapshots fields = families.build();
    List<io.prometheus.metrics.model.snapshots.MetricSnapshot> all = new ArrayList<>(fields.stream().toList());
    all.add(GpuHealth.up(snapshot));
    return new MetricSnapshots(all);
  }

  /** Whole-GPU values come from the GPU; a MIG instance's own readings (its memory) replace them. */
  private static void addAll(MetricFamilies families, Labels labels, Map<GpuField, Double> gpu,
      Map<GpuField, Double> instance, boolean mig, List<String> jobs, List<PodRef> pods) {
    for (Field field : FIELDS) {
      if (mig && !field.onMig()) {
        continue;
      }
      Double raw = mig && isMemory(field.source()) ? instance.get(field.source()) : gpu.get(field.source());
      if (raw == null) {
        continue;
      }
      double value = field.unit().applyAsDouble(raw);
      List<Labels> owned = jobs.isEmpty() ? List.of(labels) : jobs.stream().map(j -> labels.add("hpc_job", j)).toList();
      for (Labels jobLabels : owned) {
        PodLabels.each(jobLabels, pods).forEach(l -> families.add(field.name(), l, value));
      }
    }
  }

  private Labels entityLabels(GpuSnapshot snapshot, GpuDevice gpu, MigInstance instance) {
    GpuIdentity id = gpu.identity();
    Labels labels = Labels.of("gpu", String.valueOf(id.index()), "UUID", id.uuid(), "pci_bus_id", id.pciBusId(),
        "device", "nvidia" + id.index(), "modelName", id.name());
    if (instance != null) {
      labels = labels.add("GPU_I_PROFILE", instance.profile()).add("GPU_I_ID", String.valueOf(instance.gpuInstanceId()));
    }
    if (!hostname.isEmpty()) {
      labels = labels.add(hostnameLabel, hostname);
    }
    return labels.add("DCGM_FI_DRIVER_VERSION", snapshot.driverVersion());
  }

  private static boolean isMemory(GpuField field) {
    return field == GpuField.FB_FREE_BYTES || field == GpuField.FB_USED_BYTES || field == GpuField.FB_RESERVED_BYTES;
  }

  private static Field gauge(String name, String help, GpuField source) {
    return new Field(name, GAUGE, help, source, v -> v, true);
  }

  private static Field wholeGpu(String name, String help, GpuField source) {
    return new Field(name, GAUGE, help, source, v -> v, false);
  }

  private static Field counter(String name, String help, GpuField source) {
    return new Field(name, COUNTER_WITHOUT_SUFFIX, help, source, v -> v, true);
  }

  /** dcgm reports framebuffer sizes in whole MiB. */
  private static Field mib(String name, String help, GpuField source) {
    return new Field(name, GAUGE, help, source, bytes -> Math.floor(bytes / MIB), true);
  }

  /** GPM gives percent; DCGM_FI_PROF_* are ratios. Whole GPU only (GPM is not sampled per MIG instance). */
  private static Field ratio(String name, String help, GpuField source) {
    return new Field(name, GAUGE, help, source, percent -> percent / 100.0, false);
  }
}
