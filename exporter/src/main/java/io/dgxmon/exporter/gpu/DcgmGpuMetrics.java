package io.dgxmon.exporter.gpu;

import static io.dgxmon.exporter.dcgm.DcgmType.COUNTER;
import static io.dgxmon.exporter.dcgm.DcgmType.GAUGE;
import static io.dgxmon.exporter.gpu.DcgmGpuMetrics.FieldType.FP64;
import static io.dgxmon.exporter.gpu.DcgmGpuMetrics.FieldType.INT64;

import io.dgxmon.exporter.dcgm.DcgmFamily;
import io.dgxmon.exporter.dcgm.DcgmSample;
import io.dgxmon.exporter.dcgm.DcgmSample.Label;
import io.dgxmon.exporter.dcgm.DcgmType;
import io.dgxmon.exporter.dcgm.DcgmValue;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * The :9400 profile: dcgm-exporter's default counters (etc/default-counters.csv) that NVML can read, with its names,
 * help strings, units and labels {@code gpu, UUID, pci_bus_id, device, modelName, [GPU_I_PROFILE, GPU_I_ID],
 * Hostname, DCGM_FI_DRIVER_VERSION, hpc_job}. With MIG on, each GPU instance is an entity of its own (as
 * dcgm-exporter's default {@code --devices f}); a GPU with N jobs gets every series once per job. The result is
 * written byte for byte in dcgm-exporter's format by {@link io.dgxmon.exporter.dcgm.DcgmTextWriter}.
 */
public final class DcgmGpuMetrics {
  private static final double MIB = 1024.0 * 1024.0;

  /** The DCGM field type of a field (dcgm's {@code dcgm_fields.cpp}), which decides how its value is printed. */
  enum FieldType { INT64, FP64 }

  /**
   * One exported field: name, type, help (verbatim from default-counters.csv), DCGM number type, source reading and
   * unit change.
   */
  private record Field(String name, DcgmType type, FieldType fieldType, String help, GpuField source,
      DoubleUnaryOperator unit, boolean onMig) {}

  private static final List<Field> FIELDS = List.of(
      gauge("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", GpuField.SM_CLOCK_MHZ),
      gauge("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).", GpuField.MEM_CLOCK_MHZ),
      gauge("DCGM_FI_DEV_MEMORY_TEMP", "Memory temperature (in C).", GpuField.MEMORY_TEMP_C),
      gauge("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", GpuField.GPU_TEMP_C),
      new Field("DCGM_FI_DEV_POWER_USAGE", GAUGE, FP64, "Power draw (in W).", GpuField.POWER_MILLIWATTS,
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

  /** One scrape of this profile: the dcgm fields, and dgxmon's own {@code dgxmon_gpu_up} (client_java). */
  public record Page(List<DcgmFamily> fields, MetricSnapshots own) {
    public static final Page EMPTY = new Page(List.of(), MetricSnapshots.of());

    public Page {
      fields = List.copyOf(fields);
    }
  }

  public Page render(GpuSnapshot snapshot, HpcJobMap jobs) {
    Map<Field, List<DcgmSample>> series = new LinkedHashMap<>();
    FIELDS.forEach(f -> series.put(f, new ArrayList<>()));
    SortedMap<String, String> labels = new TreeMap<>(Map.of("DCGM_FI_DRIVER_VERSION", snapshot.driverVersion()));
    for (GpuDevice gpu : snapshot.gpus()) {
      if (!gpu.up()) {
        continue;
      }
      if (gpu.migEnabled()) {
        for (MigInstance instance : gpu.migInstances()) {
          Entity entity = new Entity(entityLabels(gpu, instance), labels,
              jobs.jobs(instance.mappingKey(gpu.index())));
          addAll(series, entity, gpu.readings(), instance.readings(), true);
        }
      } else {
        Entity entity = new Entity(entityLabels(gpu, null), labels, jobs.jobs(String.valueOf(gpu.index())));
        addAll(series, entity, gpu.readings(), Map.of(), false);
      }
    }
    List<DcgmFamily> fields = new ArrayList<>();
    series.forEach((f, samples) -> fields.add(new DcgmFamily(f.name(), f.type(), f.help(), samples)));
    return new Page(fields, MetricSnapshots.of(GpuHealth.up(snapshot)));
  }

  /** What the series of one GPU or MIG instance share; the attributes are per job. */
  private record Entity(List<Label> entity, SortedMap<String, String> labels, List<String> jobs) {
    /** dcgm-exporter's hpc transformation deep-copies the metric per job; no job file, no {@code hpc_job}. */
    void add(List<DcgmSample> samples, DcgmValue value) {
      if (jobs.isEmpty()) {
        samples.add(new DcgmSample(entity, labels, new TreeMap<>(), value));
      }
      for (String job : jobs) {
        samples.add(new DcgmSample(entity, labels, new TreeMap<>(Map.of("hpc_job", job)), value));
      }
    }
  }

  /** Whole-GPU values come from the GPU; a MIG instance's own readings (its memory, its GPM) replace them. */
  private static void addAll(Map<Field, List<DcgmSample>> series, Entity entity, Map<GpuField, Double> gpu,
      Map<GpuField, Double> instance, boolean mig) {
    for (Field field : FIELDS) {
      if (mig && !field.onMig()) {
        continue;
      }
      Double raw = mig && field.source().perMigInstance() ? instance.get(field.source()) : gpu.get(field.source());
      if (raw == null) {
        continue;
      }
      double value = field.unit().applyAsDouble(raw);
      // NVML gives INT64 fields as whole numbers (mib() floors itself); rounding only keeps a double's noise out
      entity.add(series.get(field),
          field.fieldType() == INT64 ? new DcgmValue.Int64(Math.round(value)) : new DcgmValue.Fp64(value));
    }
  }

  private List<Label> entityLabels(GpuDevice gpu, MigInstance instance) {
    GpuIdentity id = gpu.identity();
    List<Label> labels = new ArrayList<>(List.of(new Label("gpu", String.valueOf(id.index())),
        new Label("UUID", id.uuid()), new Label("pci_bus_id", id.pciBusId()), new Label("device", "nvidia" + id.index()),
        new Label("modelName", id.name())));
    if (instance != null) {
      labels.add(new Label("GPU_I_PROFILE", instance.profile()));
      labels.add(new Label("GPU_I_ID", String.valueOf(instance.gpuInstanceId())));
    }
    if (!hostname.isEmpty()) {
      labels.add(new Label(hostnameLabel, hostname));
    }
    return labels;
  }

  /** An INT64 gauge (clocks, temperatures, XID, row-remap failure). */
  private static Field gauge(String name, String help, GpuField source) {
    return new Field(name, GAUGE, INT64, help, source, v -> v, true);
  }

  /** An INT64 gauge not reported on MIG instances (utilizations, PCIe bytes). */
  private static Field wholeGpu(String name, String help, GpuField source) {
    return new Field(name, GAUGE, INT64, help, source, v -> v, false);
  }

  /** An INT64 counter: TYPE {@code counter}, the name as in dcgm-exporter (no {@code _total}). */
  private static Field counter(String name, String help, GpuField source) {
    return new Field(name, COUNTER, INT64, help, source, v -> v, true);
  }

  /** dcgm reports framebuffer sizes in whole MiB (INT64). */
  private static Field mib(String name, String help, GpuField source) {
    return new Field(name, GAUGE, INT64, help, source, bytes -> Math.floor(bytes / MIB), true);
  }

  /** GPM gives percent; DCGM_FI_PROF_* are ratios (DOUBLE). A MIG instance has its own (GPM sampled per instance). */
  private static Field ratio(String name, String help, GpuField source) {
    return new Field(name, GAUGE, FP64, help, source, percent -> percent / 100.0, true);
  }
}
