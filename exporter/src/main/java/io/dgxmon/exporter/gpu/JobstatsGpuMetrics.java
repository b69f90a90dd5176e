package io.dgxmon.exporter.gpu;

import static io.dgxmon.exporter.gpu.MetricFamilies.Kind.GAUGE;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The :9445 profile: the jobstats GPU exporter's {@code nvidia_gpu_*} gauges (plazonic/nvidia_gpu_prometheus_exporter)
 * with labels {@code ordinal, minor_number, uuid, name, GPU_I_ID, jobid, userid}. A GPU in MIG mode is reported as
 * itself ({@code GPU_I_ID=""}) and once per MIG instance (its own UUID, name, memory and GPM), like that exporter;
 * a GPU NVML failed on has only {@code nvidia_gpu_last_error}.
 */
public final class JobstatsGpuMetrics {
  private static final String NS = "nvidia_gpu_";
  private static final String NUM_DEVICES = NS + "num_devices";
  private static final String MEMORY_USED = NS + "memory_used_bytes";
  private static final String MEMORY_TOTAL = NS + "memory_total_bytes";
  private static final String DUTY_CYCLE = NS + "duty_cycle";
  private static final String POWER = NS + "power_usage_milliwatts";
  private static final String TEMPERATURE = NS + "temperature_celsius";
  private static final String FAN = NS + "fanspeed_percent";
  private static final String CLOCK = NS + "clock";
  private static final String ECC = NS + "ecc_errors";
  private static final String CLOCK_EVENT_REASON = NS + "clock_event_reason";
  private static final String LAST_ERROR = NS + "last_error";
  private static final String JOB_ID = NS + "jobId";
  private static final String JOB_UID = NS + "jobUid";
  private static final Map<String, GpuField> CLOCKS = Map.of("graphics", GpuField.GRAPHICS_CLOCK_MHZ,
      "sm", GpuField.SM_CLOCK_MHZ, "mem", GpuField.MEM_CLOCK_MHZ, "video", GpuField.VIDEO_CLOCK_MHZ);
  private static final List<String> CLOCK_ORDER = List.of("graphics", "sm", "mem", "video");
  /** GPM gauges: name, help, reading, and whether the value is a percent the exporter divides by 100. */
  private record Gpm(String name, String help, GpuField source, boolean percent) {}

  /** jobstats' GPM set, in its order; note {@code integer_util} has no {@code _percent} there. */
  private static final List<Gpm> GPM = List.of(
      new Gpm(NS + "graphics_util_percent", "Percentage of time any compute/graphics app was active on the GPU",
          GpuField.GPM_GRAPHICS_UTIL_PERCENT, true),
      new Gpm(NS + "sm_util_percent", "Percentage of SMs that were busy", GpuField.GPM_SM_UTIL_PERCENT, true),
      new Gpm(NS + "sm_occupancy_percent", "Percentage of warps that were active vs theoretical maximum",
          GpuField.GPM_SM_OCCUPANCY_PERCENT, true),
      new Gpm(NS + "integer_util", "Percentage of time the GPU's SMs were doing integer operations",
          GpuField.GPM_INTEGER_UTIL_PERCENT, true),
      new Gpm(NS + "any_tensor_util_percent", "Percentage of time the GPU's SMs were doing ANY tensor operations",
          GpuField.GPM_ANY_TENSOR_UTIL_PERCENT, true),
      new Gpm(NS + "dram_bw_util_percent", "Percentage of DRAM bw used vs theoretical maximum",
          GpuField.GPM_DRAM_BW_UTIL_PERCENT, true),
      new Gpm(NS + "fp64_util_percent", "Percentage of time the GPU's SMs were doing non-tensor FP64 math",
          GpuField.GPM_FP64_UTIL_PERCENT, true),
      new Gpm(NS + "fp32_util_percent", "Percentage of time the GPU's SMs were doing non-tensor FP32 math",
          GpuField.GPM_FP32_UTIL_PERCENT, true),
      new Gpm(NS + "fp16_util_percent", "Percentage of time the GPU's SMs were doing non-tensor FP16 math",
          GpuField.GPM_FP16_UTIL_PERCENT, true),
      new Gpm(NS + "pcie_tx_per_sec", "PCIe traffic from this GPU in bytes/sec",
          GpuField.GPM_PCIE_TX_BYTES_PER_SECOND, false),
      new Gpm(NS + "pcie_rx_per_sec", "PCIe traffic to this GPU in bytes/sec",
          GpuField.GPM_PCIE_RX_BYTES_PER_SECOND, false),
      new Gpm(NS + "nvlink_total_rx_per_sec", "NvLink read bandwidth for all links in bytes/sec",
          GpuField.GPM_NVLINK_RX_BYTES_PER_SECOND, false),
      new Gpm(NS + "nvlink_total_tx_per_sec", "NvLink write bandwidth for all links in bytes/sec",
          GpuField.GPM_NVLINK_TX_BYTES_PER_SECOND, false));
  private static final JobOwner NO_JOB = new JobOwner("", "");

  /** One reported device: a whole GPU or a MIG instance of it. */
  private record Entity(GpuDevice gpu, Optional<MigInstance> mig) {
    String uuid() {
      return mig.map(MigInstance::uuid).orElse(gpu.identity().uuid());
    }

    String name() {
      return mig.map(MigInstance::name).orElse(gpu.identity().name());
    }

    Optional<Integer> gpuInstanceId() {
      return mig.map(MigInstance::gpuInstanceId);
    }

    /** The entity's value: a MIG instance's own where it has one (memory, GPM), else the physical GPU's. */
    Optional<Double> reading(GpuField field) {
      return mig.isPresent() && field.perMigInstance() ? Optional.ofNullable(mig.get().readings().get(field))
          : gpu.reading(field);
    }
  }

  public static List<String> names() {
    List<String> names = new ArrayList<>(declare().names());
    names.add(GpuHealth.UP);
    return names;
  }

  public MetricSnapshots render(GpuSnapshot snapshot, GpuJobOwners owners) {
    MetricFamilies families = declare();
    families.add(NUM_DEVICES, Labels.EMPTY, snapshot.gpus().size());
    for (GpuDevice gpu : snapshot.gpus()) {
      if (!gpu.up()) {
        lastError(families, gpu);
        continue;
      }
      eccErrors(families, gpu);
      List<Entity> entities = new ArrayList<>();
      entities.add(new Entity(gpu, Optional.empty()));
      gpu.migInstances().forEach(mig -> entities.add(new Entity(gpu, Optional.of(mig))));
      for (Entity entity : entities) {
        List<JobOwner> jobs = owners.owners(gpu.index(), entity.gpuInstanceId(), entity.uuid());
        for (JobOwner job : jobs.isEmpty() ? List.of(NO_JOB) : jobs) {
          entity(families, entity, job);
        }
      }
    }
    List<MetricSnapshot> all = new ArrayList<>(families.build().stream().toList());
    all.add(GpuHealth.up(snapshot));
    return new MetricSnapshots(all);
  }

  private static void entity(MetricFamilies families, Entity entity, JobOwner job) {
    GpuDevice gpu = entity.gpu();
    Labels labels = Labels.of("ordinal", String.valueOf(gpu.index()),
        "minor_number", String.valueOf(gpu.identity().minorNumber()), "uuid", entity.uuid(), "name", entity.name(),
        "GPU_I_ID", entity.gpuInstanceId().map(String::valueOf).orElse(""), "jobid", job.jobId(), "userid", job.uid());
    entity.reading(GpuField.FB_USED_BYTES).ifPresent(v -> families.add(MEMORY_USED, labels, v));
    entity.reading(GpuField.FB_TOTAL_BYTES).ifPresent(v -> families.add(MEMORY_TOTAL, labels, v));
    if (!gpu.migEnabled()) {
      gpu.reading(GpuField.GPU_UTIL_PERCENT).ifPresent(v -> families.add(DUTY_CYCLE, labels, v));
    }
    gpu.reading(GpuField.POWER_MILLIWATTS).ifPresent(v -> families.add(POWER, labels, v));
    gpu.reading(GpuField.GPU_TEMP_C).ifPresent(v -> families.add(TEMPERATURE, labels, v));
    gpu.reading(GpuField.FAN_SPEED_PERCENT).ifPresent(v -> families.add(FAN, labels, v));
    for (String type : CLOCK_ORDER) {
      gpu.reading(CLOCKS.get(type)).ifPresent(v -> families.add(CLOCK, labels.add("type", type), v));
    }
    gpu.reading(GpuField.CLOCK_EVENT_REASONS).ifPresent(mask -> families.add(CLOCK_EVENT_REASON,
        labels.add("reason", ClockEventReasons.label(mask.longValue())), mask));
    if (job.jobId().matches("[0-9]{1,15}")) {
      families.add(JOB_ID, labels, Double.parseDouble(job.jobId()));
    }
    if (!job.uid().isEmpty()) {
      families.add(JOB_UID, labels, Double.parseDouble(job.uid()));
    }
    for (Gpm gpm : GPM) {
      entity.reading(gpm.source()).ifPresent(v -> families.add(gpm.name(), labels, gpm.percent() ? v / 100.0 : v));
    }
  }

  /** A GPU NVML failed on: NVML's return code, with what is known of its identity (as jobstats does). */
  private static void lastError(MetricFamilies families, GpuDevice gpu) {
    gpu.error().ifPresent(error -> families.add(LAST_ERROR, Labels.of("ordinal", String.valueOf(gpu.index()),
        "minor_number", String.valueOf(gpu.identity().minorNumber()), "uuid", gpu.identity().uuid(),
        "name", gpu.identity().name(), "GPU_I_ID", ""), error.code()));
  }

  private static void eccErrors(MetricFamilies families, GpuDevice gpu) {
    Labels base = Labels.of("ordinal", String.valueOf(gpu.index()),
        "minor_number", String.valueOf(gpu.identity().minorNumber()), "uuid", gpu.identity().uuid(),
        "name", gpu.identity().name());
    ecc(families, gpu, base, "corrected", "volatile", GpuField.ECC_CORRECTED_VOLATILE);
    ecc(families, gpu, base, "corrected", "aggregate", GpuField.ECC_CORRECTED_AGGREGATE);
    ecc(families, gpu, base, "uncorrected", "volatile", GpuField.ECC_UNCORRECTED_VOLATILE);
    ecc(families, gpu, base, "uncorrected", "aggregate", GpuField.ECC_UNCORRECTED_AGGREGATE);
  }

  private static void ecc(MetricFamilies families, GpuDevice gpu, Labels base, String error, String counter,
      GpuField field) {
    gpu.reading(field).ifPresent(v -> families.add(ECC, base.add("error", error).add("counter", counter), v));
  }

  private static MetricFamilies declare() {
    MetricFamilies families = new MetricFamilies()
        .declare(NUM_DEVICES, "Number of GPU devices", GAUGE)
        .declare(MEMORY_USED, "Memory used by the GPU device in bytes", GAUGE)
        .declare(MEMORY_TOTAL, "Total memory of the GPU device in bytes", GAUGE)
        .declare(DUTY_CYCLE, "Percent of time over the past sample period during which one or more kernels were"
            + " executing on the GPU device", GAUGE)
        .declare(POWER, "Power usage of the GPU device in milliwatts", GAUGE)
        .declare(TEMPERATURE, "Temperature of the GPU device in celsius", GAUGE)
        .declare(FAN, "Fanspeed of the GPU device as a percent of its maximum", GAUGE)
        .declare(CLOCK, "Clock speed", GAUGE)
        .declare(CLOCK_EVENT_REASON, "Bitmask of active clocks event reasons, check NvmlClocksEventReasons", GAUGE)
        .declare(ECC, "ECC Errors, with labels describing what they are", GAUGE)
        .declare(LAST_ERROR, "Last error returned while trying to get stats from this GPU", GAUGE)
        .declare(JOB_ID, "JobId number of a job currently using this GPU as reported by Slurm", GAUGE)
        .declare(JOB_UID, "Uid number of user running jobs on this GPU", GAUGE);
    GPM.forEach(gpm -> families.declare(gpm.name(), gpm.help(), GAUGE));
    return families;
  }
}
