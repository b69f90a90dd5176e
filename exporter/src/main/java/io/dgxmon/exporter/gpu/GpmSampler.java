package io.dgxmon.exporter.gpu;

import static io.dgxmon.exporter.gpu.NvmlCalls.check;

import io.dgxmon.exporter.gpu.NvmlCalls.GpuFailure;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlGpmMetricsGet_t;
import org.bytedeco.cuda.nvml.nvmlGpmSample_st;
import org.bytedeco.cuda.nvml.nvmlGpmSupport_t;

/**
 * NVML GPM (Hopper and later): rates between this collection's sample and the previous one, per GPU and per MIG
 * instance (keyed by UUID). Unlike DCGM's profiling fields this takes no system-wide profiling lock. The first
 * collection of a GPU or instance yields no GPM values.
 */
final class GpmSampler implements AutoCloseable {
  /** One GPM metric: NVML's id, the reading, and whether NVML gives it in MiB/s (converted to bytes/s). */
  private record Metric(int id, GpuField field, boolean mibPerSecond) {}

  private static final List<Metric> METRICS = List.of(
      new Metric(nvml.NVML_GPM_METRIC_GRAPHICS_UTIL, GpuField.GPM_GRAPHICS_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_SM_UTIL, GpuField.GPM_SM_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_SM_OCCUPANCY, GpuField.GPM_SM_OCCUPANCY_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_INTEGER_UTIL, GpuField.GPM_INTEGER_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_ANY_TENSOR_UTIL, GpuField.GPM_ANY_TENSOR_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_DRAM_BW_UTIL, GpuField.GPM_DRAM_BW_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_FP64_UTIL, GpuField.GPM_FP64_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_FP32_UTIL, GpuField.GPM_FP32_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_FP16_UTIL, GpuField.GPM_FP16_UTIL_PERCENT, false),
      new Metric(nvml.NVML_GPM_METRIC_PCIE_TX_PER_SEC, GpuField.GPM_PCIE_TX_BYTES_PER_SECOND, true),
      new Metric(nvml.NVML_GPM_METRIC_PCIE_RX_PER_SEC, GpuField.GPM_PCIE_RX_BYTES_PER_SECOND, true),
      new Metric(nvml.NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC, GpuField.GPM_NVLINK_RX_BYTES_PER_SECOND, true),
      new Metric(nvml.NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC, GpuField.GPM_NVLINK_TX_BYTES_PER_SECOND, true));
  private static final double MIB = 1024.0 * 1024.0;

  /** Per GPU or MIG UUID: null when GPM is unsupported, else the two samples that take turns. */
  private final Map<String, Samples> byUuid = new HashMap<>();
  private final nvmlGpmSupport_t support = new nvmlGpmSupport_t();
  private final nvmlGpmMetricsGet_t request = new nvmlGpmMetricsGet_t();

  /** Adds the GPM readings of {@code gpu} to {@code out} when it supports GPM and a previous sample exists. */
  void sample(String uuid, nvmlDevice_st gpu, Map<GpuField, Double> out) throws GpuFailure {
    Samples samples = samples(uuid, gpu);
    if (samples != null && check("nvmlGpmSampleGet", nvml.nvmlGpmSampleGet(gpu, samples.current()))) {
      rates(samples, out);
    }
  }

  /**
   * The same for MIG instance {@code gpuInstanceId} of {@code gpu}, through NVML's call for a GPU instance
   * ({@code nvmlGpmMigSampleGet} on the parent); GPM support is the parent's.
   */
  void sampleMig(String migUuid, nvmlDevice_st gpu, int gpuInstanceId, Map<GpuField, Double> out) throws GpuFailure {
    Samples samples = samples(migUuid, gpu);
    if (samples != null
        && check("nvmlGpmMigSampleGet", nvml.nvmlGpmMigSampleGet(gpu, gpuInstanceId, samples.current()))) {
      rates(samples, out);
    }
  }

  /** Whether {@link #sample} found GPM support on the GPU with {@code uuid}. */
  boolean supports(String uuid) {
    return byUuid.get(uuid) != null;
  }

  /** Frees the samples of GPUs and MIG instances not in {@code uuids} (a MIG instance destroyed, a GPU gone). */
  void retainOnly(Set<String> uuids) {
    byUuid.entrySet().removeIf(entry -> {
      boolean gone = !uuids.contains(entry.getKey());
      if (gone && entry.getValue() != null) {
        entry.getValue().free();
      }
      return gone;
    });
  }

  private Samples samples(String uuid, nvmlDevice_st gpu) throws GpuFailure {
    if (!byUuid.containsKey(uuid)) {
      byUuid.put(uuid, supported(gpu) ? Samples.allocate() : null);
    }
    return byUuid.get(uuid);
  }

  private void rates(Samples samples, Map<GpuField, Double> out) throws GpuFailure {
    if (samples.primed) {
      metrics(samples.previous(), samples.current(), out);
    }
    samples.swap();
  }

  private boolean supported(nvmlDevice_st gpu) throws GpuFailure {
    support.version(nvml.NVML_GPM_SUPPORT_VERSION).isSupportedDevice(0);
    return check("nvmlGpmQueryDeviceSupport", nvml.nvmlGpmQueryDeviceSupport(gpu, support))
        && support.isSupportedDevice() != 0;
  }

  private void metrics(nvmlGpmSample_st earlier, nvmlGpmSample_st later, Map<GpuField, Double> out)
      throws GpuFailure {
    request.version(nvml.NVML_GPM_METRICS_GET_VERSION).numMetrics(METRICS.size()).sample1(earlier).sample2(later);
    for (int i = 0; i < METRICS.size(); i++) {
      request.metrics(i).metricId(METRICS.get(i).id()).nvmlReturn(-1).value(0);
    }
    if (!check("nvmlGpmMetricsGet", nvml.nvmlGpmMetricsGet(request))) {
      return;
    }
    Map<GpuField, Double> values = new EnumMap<>(GpuField.class);
    for (int i = 0; i < METRICS.size(); i++) {
      Metric metric = METRICS.get(i);
      if (request.metrics(i).nvmlReturn() == nvml.NVML_SUCCESS && request.metrics(i).metricId() == metric.id()) {
        double value = request.metrics(i).value();
        values.put(metric.field(), metric.mibPerSecond() ? value * MIB : value);
      }
    }
    out.putAll(values);
  }

  @Override
  public void close() {
    retainOnly(Set.of());
  }

  /** Two NVML sample buffers; {@code current} is filled each collection, then they swap. */
  private static final class Samples {
    private final nvmlGpmSample_st[] buffers = {new nvmlGpmSample_st(), new nvmlGpmSample_st()};
    private int currentIndex;
    private boolean primed;

    static Samples allocate() throws GpuFailure {
      Samples samples = new Samples();
      for (nvmlGpmSample_st buffer : samples.buffers) {
        int rc = nvml.nvmlGpmSampleAlloc(buffer);
        if (!check("nvmlGpmSampleAlloc", rc)) {
          throw new GpuFailure(rc, "nvmlGpmSampleAlloc: " + NvmlCalls.describe(rc));
        }
      }
      return samples;
    }

    nvmlGpmSample_st current() {
      return buffers[currentIndex];
    }

    nvmlGpmSample_st previous() {
      return buffers[1 - currentIndex];
    }

    void swap() {
      primed = true;
      currentIndex = 1 - currentIndex;
    }

    void free() {
      for (nvmlGpmSample_st buffer : buffers) {
        nvml.nvmlGpmSampleFree(buffer);
      }
    }
  }
}
