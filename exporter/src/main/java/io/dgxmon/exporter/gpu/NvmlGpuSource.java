package io.dgxmon.exporter.gpu;

import io.dgxmon.exporter.gpu.NvmlCalls.GpuFailure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;

/**
 * Reads every GPU through NVML into an immutable {@link GpuSnapshot}. An NVML error on one GPU marks that GPU
 * down (keeping the identity it last had) and the others are still read; a failure to count GPUs fails the read.
 * Calls are not concurrent: {@link #read} is synchronized and the caller runs one collection at a time.
 */
public final class NvmlGpuSource implements GpuSource {
  private final NvmlDeviceReader reader = new NvmlDeviceReader();
  private final GpmSampler gpm = new GpmSampler();
  private final XidWatcher xids;
  private final Map<Integer, nvmlDevice_st> handles = new HashMap<>();
  private final Map<Integer, GpuIdentity> lastIdentity = new HashMap<>();
  private final Map<Integer, String> loggedErrors = new HashMap<>();
  private final Map<Integer, NvmlOutcomes> outcomes = new HashMap<>();
  private final String driverVersion;
  private final Consumer<String> log;

  private NvmlGpuSource(XidWatcher xids, Consumer<String> log) {
    this.xids = xids;
    this.log = log;
    byte[] version = new byte[nvml.NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE];
    int rc = nvml.nvmlSystemGetDriverVersion(version, version.length);
    this.driverVersion = rc == nvml.NVML_SUCCESS ? NvmlCalls.text(version) : "";
  }

  /** Loads NVML ({@link NvmlLibrary#load}) and starts watching XID events. */
  public static NvmlGpuSource open(String nvmlLibrary, Consumer<String> log) throws NvmlUnavailableException {
    NvmlLibrary.load(nvmlLibrary);
    return new NvmlGpuSource(XidWatcher.start(log), log);
  }

  @Override
  public synchronized GpuSnapshot read() throws NvmlReadException {
    int[] count = new int[1];
    int rc = nvml.nvmlDeviceGetCount_v2(count);
    if (rc != nvml.NVML_SUCCESS) {
      throw new NvmlReadException("nvmlDeviceGetCount_v2 failed: " + NvmlCalls.describe(rc));
    }
    List<GpuDevice> gpus = new ArrayList<>(count[0]);
    for (int index = 0; index < count[0]; index++) {
      gpus.add(readGpu(index));
    }
    Set<String> sampled = new HashSet<>();
    for (GpuDevice gpu : gpus) {
      if (gpu.up()) {
        sampled.add(gpu.identity().uuid());
        gpu.migInstances().forEach(mig -> sampled.add(mig.uuid()));
      }
    }
    gpm.retainOnly(sampled);
    return new GpuSnapshot(driverVersion, gpus);
  }

  private GpuDevice readGpu(int index) {
    nvmlDevice_st handle = handles.computeIfAbsent(index, i -> new nvmlDevice_st());
    try {
      NvmlCalls.check("nvmlDeviceGetHandleByIndex_v2", nvml.nvmlDeviceGetHandleByIndex_v2(index, handle));
      GpuIdentity identity = reader.identity(index, handle);
      lastIdentity.put(index, identity);
      Map<GpuField, Double> readings = new EnumMap<>(reader.readings(handle));
      gpm.sample(identity.uuid(), handle, readings);
      OptionalInt xid = xids.lastXid(index);
      if (xid.isPresent()) {
        readings.put(GpuField.LAST_XID, (double) xid.getAsInt());
      }
      GpuDevice device = new GpuDevice(identity, readings, migInstances(handle), Optional.empty());
      outcomes.put(index, new NvmlOutcomes(reader.lastReturnCodes(), reader.lastMigMode(),
          gpm.supports(identity.uuid())));
      if (loggedErrors.remove(index) != null) {
        log.accept("GPU " + index + " (" + identity.uuid() + ") answers NVML again");
      }
      return device;
    } catch (GpuFailure failure) {
      outcomes.put(index, new NvmlOutcomes(reader.lastReturnCodes(), reader.lastMigMode(), false));
      GpuIdentity identity = lastIdentity.getOrDefault(index, GpuIdentity.unknown(index));
      if (!failure.getMessage().equals(loggedErrors.put(index, failure.getMessage()))) {
        log.accept("GPU " + index + " (" + identity.uuid() + ") is down: " + failure.getMessage());
      }
      return GpuDevice.failed(identity, failure.error());
    }
  }

  /** The MIG instances of a GPU, each with its own GPM readings (sampled on the instance, as jobstats does). */
  private List<MigInstance> migInstances(nvmlDevice_st gpu) throws GpuFailure {
    List<MigInstance> instances = new ArrayList<>();
    for (MigInstance instance : reader.migInstances(gpu)) {
      Map<GpuField, Double> rates = new EnumMap<>(GpuField.class);
      if (!instance.uuid().isEmpty()) {
        gpm.sampleMig(instance.uuid(), gpu, instance.gpuInstanceId(), rates);
      }
      instances.add(rates.isEmpty() ? instance : instance.withReadings(rates));
    }
    return instances;
  }

  /** What NVML answered for GPU {@code index} in the last {@link #read} ({@code --check} reports it). */
  public synchronized Optional<NvmlOutcomes> outcomes(int index) {
    return Optional.ofNullable(outcomes.get(index));
  }

  /** NVML's own version ({@code nvmlSystemGetNVMLVersion}), or the error it answered. */
  public String nvmlVersion() {
    byte[] version = new byte[nvml.NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE];
    int rc = nvml.nvmlSystemGetNVMLVersion(version, version.length);
    return rc == nvml.NVML_SUCCESS ? NvmlCalls.text(version) : "unknown (" + NvmlCalls.describe(rc) + ")";
  }

  public String driverVersion() {
    return driverVersion;
  }

  /**
   * What NVML answered for one GPU.
   *
   * @param returnCodes per field, the return code of the call behind it; fields not reached are absent
   * @param migMode the GPU's MIG mode
   * @param gpmSupported whether the GPU supports GPM (the GPM fields need two reads)
   */
  public record NvmlOutcomes(Map<GpuField, Integer> returnCodes, MigMode migMode, boolean gpmSupported) {
    public NvmlOutcomes {
      returnCodes = Map.copyOf(returnCodes);
    }

    /** The text of an NVML return code, e.g. {@code "Not Supported (3)"}; the code is one of NVML's. */
    public static String describe(int rc) {
      return NvmlCalls.describe(rc);
    }

    /** Whether {@code rc} only says the value does not exist here (the service leaves the series out). */
    public static boolean absent(int rc) {
      return NvmlCalls.absent(rc);
    }
  }

  @Override
  public synchronized void close() {
    xids.close();
    gpm.close();
  }

  /** NVML could not list the GPUs at all in this collection. */
  public static final class NvmlReadException extends Exception {
    public NvmlReadException(String message) {
      super(message);
    }
  }
}
