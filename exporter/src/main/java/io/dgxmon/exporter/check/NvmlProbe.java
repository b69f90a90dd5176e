package io.dgxmon.exporter.check;

import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.gpu.GpuDevice;
import io.dgxmon.exporter.gpu.GpuSnapshot;
import io.dgxmon.exporter.gpu.NvmlGpuSource;
import io.dgxmon.exporter.gpu.NvmlGpuSource.NvmlOutcomes;
import io.dgxmon.exporter.gpu.NvmlLibrary;
import io.dgxmon.exporter.gpu.NvmlUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads NVML and reads every GPU through the service's own {@link NvmlGpuSource}, bounded by
 * {@code --nvml.timeout} (a hung driver call leaves a daemon thread behind, as in the service). Reads twice when a
 * GPU supports GPM, whose rates need two samples. Nothing is written: the MIG map file is left to the service.
 */
final class NvmlProbe {
  private static final long GPM_INTERVAL_MILLIS = 200;

  private NvmlProbe() {}

  static NvmlFacts probe(ExporterConfig config) throws InterruptedException {
    if (config.dcgmListenAddress().isEmpty() && config.gpuListenAddress().isEmpty()) {
      return NvmlFacts.notUsed();
    }
    FutureTask<NvmlFacts> read = new FutureTask<>(() -> read(config.nvmlLibrary()));
    Thread thread = new Thread(read, "check-nvml");
    thread.setDaemon(true);
    thread.start();
    long timeoutMillis = config.nvmlTimeout().toMillis() * 2 + GPM_INTERVAL_MILLIS;
    try {
      return read.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return NvmlFacts.unavailable("NVML did not answer within " + timeoutMillis + " ms (twice --nvml.timeout):"
          + " a GPU may have fallen off the bus; the service would serve no GPU values until it answers");
    } catch (ExecutionException e) {
      return NvmlFacts.unavailable("NVML read failed: " + e.getCause());
    }
  }

  private static NvmlFacts read(String library) throws InterruptedException {
    NvmlGpuSource source;
    try {
      source = NvmlGpuSource.open(library, line -> { });
    } catch (NvmlUnavailableException e) {
      return NvmlFacts.unavailable(e.getMessage());
    }
    try (source) {
      GpuSnapshot snapshot = source.read();
      if (anyGpm(source, snapshot)) {
        Thread.sleep(GPM_INTERVAL_MILLIS);
        snapshot = source.read();
      }
      List<GpuFacts> gpus = new ArrayList<>();
      for (GpuDevice gpu : snapshot.gpus()) {
        NvmlOutcomes outcomes = source.outcomes(gpu.index()).orElseThrow();
        gpus.add(GpuFacts.of(gpu, outcomes, NvmlOutcomes::describe, NvmlOutcomes::absent));
      }
      return NvmlFacts.read(NvmlLibrary.load(library).library().toString(), source.nvmlVersion(), gpus, snapshot);
    } catch (NvmlGpuSource.NvmlReadException | NvmlUnavailableException e) {
      return NvmlFacts.unavailable(e.getMessage());
    }
  }

  private static boolean anyGpm(NvmlGpuSource source, GpuSnapshot snapshot) {
    return snapshot.gpus().stream()
        .anyMatch(gpu -> source.outcomes(gpu.index()).map(NvmlOutcomes::gpmSupported).orElse(false));
  }
}
