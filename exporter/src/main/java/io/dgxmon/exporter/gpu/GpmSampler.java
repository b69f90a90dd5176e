package io.dgxmon.exporter.gpu;

import static io.dgxmon.exporter.gpu.NvmlCalls.check;

import io.dgxmon.exporter.gpu.NvmlCalls.GpuFailure;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlGpmMetricsGet_t;
import org.bytedeco.cuda.nvml.nvmlGpmSample_st;
import org.bytedeco.cuda.nvml.nvmlGpmSupport_t;

/**
 * NVML GPM (Hopper and later): rates between this collection's sample and the previous one, per GPU. Unlike DCGM's
 * profiling fields this takes no system-wide profiling lock. The first collection of a GPU yields no GPM values.
 */
final class GpmSampler implements AutoCloseable {
  private static final Map<Integer, GpuField> METRICS = Map.of(
      nvml.NVML_GPM_METRIC_GRAPHICS_UTIL, GpuField.GPM_GRAPHICS_UTIL_PERCENT,
      nvml.NVML_GPM_METRIC_ANY_TENSOR_UTIL, GpuField.GPM_ANY_TENSOR_UTIL_PERCENT,
      nvml.NVML_GPM_METRIC_DRAM_BW_UTIL, GpuField.GPM_DRAM_BW_UTIL_PERCENT,
      nvml.NVML_GPM_METRIC_PCIE_TX_PER_SEC, GpuField.GPM_PCIE_TX_BYTES_PER_SECOND,
      nvml.NVML_GPM_METRIC_PCIE_RX_PER_SEC, GpuField.GPM_PCIE_RX_BYTES_PER_SECOND);
  private static final int[] METRIC_IDS = METRICS.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
  private static final double MIB = 1024.0 * 1024.0;

  /** Per GPU UUID: null when GPM is unsupported, else the two samples that take turns. */
  private final Map<String, Samples> byUuid = new HashMap<>();
  private final nvmlGpmSupport_t support = new nvmlGpmSupport_t();
  private final nvmlGpmMetricsGet_t request = new nvmlGpmMetricsGet_t();

  /** Adds the GPM readings of {@code gpu} to {@code out} when it supports GPM and a previous sample exists. */
  void sample(String uuid, nvmlDevice_st gpu, Map<GpuField, Double> out) throws GpuFailure {
    if (!byUuid.containsKey(uuid)) {
      byUuid.put(uuid, supported(gpu) ? Samples.allocate() : null);
    }
    Samples samples = byUuid.get(uuid);
    if (samples == null || !check("nvmlGpmSampleGet", nvml.nvmlGpmSampleGet(gpu, samples.current()))) {
      return;
    }
    if (samples.primed) {
      metrics(samples.previous(), samples.current(), out);
    }
    samples.swap();
  }

  /** Whether {@link #sample} found GPM support on the GPU with {@code uuid}. */
  boolean supports(String uuid) {
    return byUuid.get(uuid) != null;
  }

  private boolean supported(nvmlDevice_st gpu) throws GpuFailure {
    support.version(nvml.NVML_GPM_SUPPORT_VERSION).isSupportedDevice(0);
    return check("nvmlGpmQueryDeviceSupport", nvml.nvmlGpmQueryDeviceSupport(gpu, support))
        && support.isSupportedDevice() != 0;
  }

  private void metrics(nvmlGpmSample_st earlier, nvmlGpmSample_st later, Map<GpuField, Double> out)
      throws GpuFailure {
    request.version(nvml.NVML_GPM_METRICS_GET_VERSION).numMetrics(METRIC_IDS.length).sample1(earlier).sample2(later);
    for (int i = 0; i < METRIC_IDS.length; i++) {
      request.metrics(i).metricId(METRIC_IDS[i]).nvmlReturn(-1).value(0);
    }
    if (!check("nvmlGpmMetricsGet", nvml.nvmlGpmMetricsGet(request))) {
      return;
    }
    Map<GpuField, Double> values = new EnumMap<>(GpuField.class);
    for (int i = 0; i < METRIC_IDS.length; i++) {
      if (request.metrics(i).nvmlReturn() == nvml.NVML_SUCCESS) {
        GpuField field = METRICS.get(request.metrics(i).metricId());
        double value = request.metrics(i).value();
        // NVML reports PCIe throughput in MiB/s.
        boolean pcie = field == GpuField.GPM_PCIE_TX_BYTES_PER_SECOND || field == GpuField.GPM_PCIE_RX_BYTES_PER_SECOND;
        values.put(field, pcie ? value * MIB : value);
      }
    }
    out.putAll(values);
  }

  @Override
  public void close() {
    byUuid.values().stream().filter(s -> s != null).forEach(Samples::free);
    byUuid.clear();
  }

  /** Two NVML sample buffers; {@code current} is filled each collection, then they swap. */
  private static final class Samples {
    private final nvmlGpmSample_st[] buffers = {new nvmlGpmSample_st(), new nvmlGpmSample_st()};
    private int currentIndex;
    private boolean primed;

    static Samples allocate() throws GpuFailure {
      Samples samples = new Samples();
      for (nvmlGpmSample_st buffer : samples.buffers) {
        if (!check("nvmlGpmSampleAlloc", nvml.nvmlGpmSampleAlloc(buffer))) {
          throw new GpuFailure("nvmlGpmSampleAlloc: not supported");
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
