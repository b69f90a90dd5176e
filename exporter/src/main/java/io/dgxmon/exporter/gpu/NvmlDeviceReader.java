package io.dgxmon.exporter.gpu;

import static io.dgxmon.exporter.gpu.NvmlCalls.check;
import static io.dgxmon.exporter.gpu.NvmlCalls.unsigned;

import io.dgxmon.exporter.gpu.NvmlCalls.GpuFailure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlFieldValue_t;
import org.bytedeco.cuda.nvml.nvmlMemory_v2_t;
import org.bytedeco.cuda.nvml.nvmlPciInfo_t;
import org.bytedeco.cuda.nvml.nvmlUtilization_t;

/**
 * Reads one GPU (identity, the dcgm/jobstats readings, MIG instances) through NVML. Not thread-safe: it reuses
 * native scratch structs, and collections never overlap.
 */
final class NvmlDeviceReader {
  /** nvmlMemory_v2: sizeof(nvmlMemory_v2_t) | 2 << 24 (NVML_STRUCT_VERSION). */
  static final int MEMORY_V2_VERSION = 40 | 2 << 24;
  private static final int TEXT = 96;

  private final int[] uint = new int[1];
  private final int[] uint2 = new int[1];
  private final int[] uint3 = new int[1];
  private final int[] uint4 = new int[1];
  private final long[] ulong = new long[1];
  private final byte[] text = new byte[TEXT];
  private final nvmlPciInfo_t pci = new nvmlPciInfo_t();
  private final nvmlUtilization_t utilization = new nvmlUtilization_t();
  private final nvmlMemory_v2_t memory = new nvmlMemory_v2_t();
  private final nvmlFieldValue_t fieldValues = new nvmlFieldValue_t(2);
  private final nvmlDevice_st migHandle = new nvmlDevice_st();
  /** What the call behind each field returned in the last {@link #readings}; {@code --check} reports it. */
  private final Map<GpuField, Integer> returnCodes = new EnumMap<>(GpuField.class);
  private MigMode migMode = MigMode.NOT_SUPPORTED;

  /** Called first for each GPU: also forgets the previous GPU's return codes and MIG mode. */
  GpuIdentity identity(int index, nvmlDevice_st gpu) throws GpuFailure {
    returnCodes.clear();
    migMode = MigMode.NOT_SUPPORTED;
    String uuid = check("nvmlDeviceGetUUID", nvml.nvmlDeviceGetUUID(gpu, text, TEXT)) ? NvmlCalls.text(text) : "";
    String name = check("nvmlDeviceGetName", nvml.nvmlDeviceGetName(gpu, text, TEXT)) ? NvmlCalls.text(text) : "";
    String busId = check("nvmlDeviceGetPciInfo_v3", nvml.nvmlDeviceGetPciInfo_v3(gpu, pci))
        ? pci.busId().getString() : "";
    int minor = check("nvmlDeviceGetMinorNumber", nvml.nvmlDeviceGetMinorNumber(gpu, uint)) ? uint[0] : index;
    return new GpuIdentity(index, minor, uuid, busId, name);
  }

  /** The whole-GPU readings (for a MIG-enabled GPU too: clocks, temperatures, power are per physical GPU). */
  Map<GpuField, Double> readings(nvmlDevice_st gpu) throws GpuFailure {
    Map<GpuField, Double> out = new EnumMap<>(GpuField.class);
    clock(gpu, nvml.NVML_CLOCK_SM, GpuField.SM_CLOCK_MHZ, out);
    clock(gpu, nvml.NVML_CLOCK_MEM, GpuField.MEM_CLOCK_MHZ, out);
    clock(gpu, nvml.NVML_CLOCK_GRAPHICS, GpuField.GRAPHICS_CLOCK_MHZ, out);
    clock(gpu, nvml.NVML_CLOCK_VIDEO, GpuField.VIDEO_CLOCK_MHZ, out);
    if (read("nvmlDeviceGetTemperature", nvml.nvmlDeviceGetTemperature(gpu, nvml.NVML_TEMPERATURE_GPU, uint),
        GpuField.GPU_TEMP_C)) {
      out.put(GpuField.GPU_TEMP_C, unsigned(uint[0]));
    }
    if (read("nvmlDeviceGetPowerUsage", nvml.nvmlDeviceGetPowerUsage(gpu, uint), GpuField.POWER_MILLIWATTS)) {
      out.put(GpuField.POWER_MILLIWATTS, unsigned(uint[0]));
    }
    if (read("nvmlDeviceGetTotalEnergyConsumption", nvml.nvmlDeviceGetTotalEnergyConsumption(gpu, ulong),
        GpuField.TOTAL_ENERGY_MILLIJOULES)) {
      out.put(GpuField.TOTAL_ENERGY_MILLIJOULES, unsigned(ulong[0]));
    }
    if (read("nvmlDeviceGetPcieReplayCounter", nvml.nvmlDeviceGetPcieReplayCounter(gpu, uint),
        GpuField.PCIE_REPLAYS)) {
      out.put(GpuField.PCIE_REPLAYS, unsigned(uint[0]));
    }
    if (read("nvmlDeviceGetUtilizationRates", nvml.nvmlDeviceGetUtilizationRates(gpu, utilization),
        GpuField.GPU_UTIL_PERCENT, GpuField.MEM_COPY_UTIL_PERCENT)) {
      out.put(GpuField.GPU_UTIL_PERCENT, unsigned(utilization.gpu()));
      out.put(GpuField.MEM_COPY_UTIL_PERCENT, unsigned(utilization.memory()));
    }
    if (read("nvmlDeviceGetEncoderUtilization", nvml.nvmlDeviceGetEncoderUtilization(gpu, uint, uint2),
        GpuField.ENC_UTIL_PERCENT)) {
      out.put(GpuField.ENC_UTIL_PERCENT, unsigned(uint[0]));
    }
    if (read("nvmlDeviceGetDecoderUtilization", nvml.nvmlDeviceGetDecoderUtilization(gpu, uint, uint2),
        GpuField.DEC_UTIL_PERCENT)) {
      out.put(GpuField.DEC_UTIL_PERCENT, unsigned(uint[0]));
    }
    if (read("nvmlDeviceGetFanSpeed", nvml.nvmlDeviceGetFanSpeed(gpu, uint), GpuField.FAN_SPEED_PERCENT)) {
      out.put(GpuField.FAN_SPEED_PERCENT, unsigned(uint[0]));
    }
    // The pre-R535 name: every driver exports it, while nvmlDeviceGetCurrentClocksEventReasons is missing from
    // older ones (a missing symbol ends the JVM). Both return the same bitmask.
    if (read("nvmlDeviceGetCurrentClocksThrottleReasons", nvml.nvmlDeviceGetCurrentClocksThrottleReasons(gpu, ulong),
        GpuField.CLOCK_EVENT_REASONS)) {
      out.put(GpuField.CLOCK_EVENT_REASONS, unsigned(ulong[0]));
    }
    int memoryCode = memory(gpu, out);
    List.of(GpuField.FB_TOTAL_BYTES, GpuField.FB_FREE_BYTES, GpuField.FB_USED_BYTES, GpuField.FB_RESERVED_BYTES)
        .forEach(field -> returnCodes.put(field, memoryCode));
    remappedRows(gpu, out);
    eccErrors(gpu, out);
    fieldValues(gpu, out);
    return out;
  }

  /** The MIG GPU instances of a GPU in MIG mode; empty when MIG is off or unsupported. */
  List<MigInstance> migInstances(nvmlDevice_st gpu) throws GpuFailure {
    migMode = MigMode.NOT_SUPPORTED;
    if (!check("nvmlDeviceGetMigMode", nvml.nvmlDeviceGetMigMode(gpu, uint, uint2))) {
      return List.of();
    }
    migMode = uint[0] == nvml.NVML_DEVICE_MIG_ENABLE ? MigMode.ENABLED : MigMode.DISABLED;
    if (migMode == MigMode.DISABLED
        || !check("nvmlDeviceGetMaxMigDeviceCount", nvml.nvmlDeviceGetMaxMigDeviceCount(gpu, uint))) {
      return List.of();
    }
    int max = uint[0];
    List<MigInstance> instances = new ArrayList<>();
    for (int slot = 0; slot < max; slot++) {
      if (!check("nvmlDeviceGetMigDeviceHandleByIndex", nvml.nvmlDeviceGetMigDeviceHandleByIndex(gpu, slot, migHandle))
          || !check("nvmlDeviceGetGpuInstanceId", nvml.nvmlDeviceGetGpuInstanceId(migHandle, uint))) {
        continue;
      }
      int gi = uint[0];
      String uuid = check("nvmlDeviceGetUUID", nvml.nvmlDeviceGetUUID(migHandle, text, TEXT)) ? NvmlCalls.text(text) : "";
      String name = check("nvmlDeviceGetName", nvml.nvmlDeviceGetName(migHandle, text, TEXT)) ? NvmlCalls.text(text) : "";
      Map<GpuField, Double> readings = new EnumMap<>(GpuField.class);
      memory(migHandle, readings);
      instances.add(new MigInstance(gi, MigInstance.profileFromName(name), uuid, name, readings));
    }
    return instances;
  }

  /** What the call behind each field returned for the current GPU (fields not reached are absent). */
  Map<GpuField, Integer> lastReturnCodes() {
    return Map.copyOf(returnCodes);
  }

  /** MIG mode as the last {@link #migInstances} found it. */
  MigMode lastMigMode() {
    return migMode;
  }

  /** {@link NvmlCalls#check}, remembering {@code rc} as the outcome of {@code fields}. */
  private boolean read(String call, int rc, GpuField... fields) throws GpuFailure {
    for (GpuField field : fields) {
      returnCodes.put(field, rc);
    }
    return check(call, rc);
  }

  private void clock(nvmlDevice_st gpu, int type, GpuField field, Map<GpuField, Double> out) throws GpuFailure {
    if (read("nvmlDeviceGetClockInfo", nvml.nvmlDeviceGetClockInfo(gpu, type, uint), field)) {
      out.put(field, unsigned(uint[0]));
    }
  }

  /** Returns NVML's return code. */
  private int memory(nvmlDevice_st device, Map<GpuField, Double> out) throws GpuFailure {
    memory.version(MEMORY_V2_VERSION).total(0).reserved(0)._free(0).used(0);
    int rc = nvml.nvmlDeviceGetMemoryInfo_v2(device, memory);
    if (check("nvmlDeviceGetMemoryInfo_v2", rc)) {
      out.put(GpuField.FB_TOTAL_BYTES, unsigned(memory.total()));
      out.put(GpuField.FB_FREE_BYTES, unsigned(memory._free()));
      out.put(GpuField.FB_USED_BYTES, unsigned(memory.used()));
      out.put(GpuField.FB_RESERVED_BYTES, unsigned(memory.reserved()));
    }
    return rc;
  }

  private void remappedRows(nvmlDevice_st gpu, Map<GpuField, Double> out) throws GpuFailure {
    if (read("nvmlDeviceGetRemappedRows", nvml.nvmlDeviceGetRemappedRows(gpu, uint, uint2, uint3, uint4),
        GpuField.CORRECTABLE_REMAPPED_ROWS, GpuField.UNCORRECTABLE_REMAPPED_ROWS, GpuField.ROW_REMAP_FAILURE)) {
      out.put(GpuField.CORRECTABLE_REMAPPED_ROWS, unsigned(uint[0]));
      out.put(GpuField.UNCORRECTABLE_REMAPPED_ROWS, unsigned(uint2[0]));
      out.put(GpuField.ROW_REMAP_FAILURE, unsigned(uint4[0]));
    }
  }

  private void eccErrors(nvmlDevice_st gpu, Map<GpuField, Double> out) throws GpuFailure {
    ecc(gpu, nvml.NVML_MEMORY_ERROR_TYPE_CORRECTED, nvml.NVML_VOLATILE_ECC, GpuField.ECC_CORRECTED_VOLATILE, out);
    ecc(gpu, nvml.NVML_MEMORY_ERROR_TYPE_CORRECTED, nvml.NVML_AGGREGATE_ECC, GpuField.ECC_CORRECTED_AGGREGATE, out);
    ecc(gpu, nvml.NVML_MEMORY_ERROR_TYPE_UNCORRECTED, nvml.NVML_VOLATILE_ECC, GpuField.ECC_UNCORRECTED_VOLATILE, out);
    ecc(gpu, nvml.NVML_MEMORY_ERROR_TYPE_UNCORRECTED, nvml.NVML_AGGREGATE_ECC, GpuField.ECC_UNCORRECTED_AGGREGATE, out);
  }

  private void ecc(nvmlDevice_st gpu, int type, int counter, GpuField field, Map<GpuField, Double> out)
      throws GpuFailure {
    if (read("nvmlDeviceGetTotalEccErrors", nvml.nvmlDeviceGetTotalEccErrors(gpu, type, counter, ulong), field)) {
      out.put(field, unsigned(ulong[0]));
    }
  }

  /** Memory temperature and NVLink bandwidth exist only as NVML field values. */
  private void fieldValues(nvmlDevice_st gpu, Map<GpuField, Double> out) throws GpuFailure {
    fieldValues.position(0).fieldId(nvml.NVML_FI_DEV_MEMORY_TEMP).scopeId(0).nvmlReturn(-1);
    fieldValues.position(1).fieldId(nvml.NVML_FI_DEV_NVLINK_BANDWIDTH_C0_TOTAL).scopeId(0).nvmlReturn(-1);
    if (!read("nvmlDeviceGetFieldValues", nvml.nvmlDeviceGetFieldValues(gpu, 2, fieldValues.position(0)),
        GpuField.MEMORY_TEMP_C, GpuField.NVLINK_BANDWIDTH_TOTAL)) {
      return;
    }
    fieldValue(fieldValues.position(0), GpuField.MEMORY_TEMP_C, out);
    fieldValue(fieldValues.position(1), GpuField.NVLINK_BANDWIDTH_TOTAL, out);
    fieldValues.position(0);
  }

  private void fieldValue(nvmlFieldValue_t value, GpuField field, Map<GpuField, Double> out) {
    returnCodes.put(field, value.nvmlReturn());
    if (value.nvmlReturn() != nvml.NVML_SUCCESS) {
      return;
    }
    double number = switch (value.valueType()) {
      case nvml.NVML_VALUE_TYPE_DOUBLE -> value.value().dVal();
      case nvml.NVML_VALUE_TYPE_UNSIGNED_INT -> unsigned(value.value().uiVal());
      case nvml.NVML_VALUE_TYPE_SIGNED_INT -> value.value().siVal();
      case nvml.NVML_VALUE_TYPE_UNSIGNED_LONG, nvml.NVML_VALUE_TYPE_UNSIGNED_LONG_LONG -> unsigned(value.value().ullVal());
      case nvml.NVML_VALUE_TYPE_SIGNED_LONG_LONG -> value.value().sllVal();
      case nvml.NVML_VALUE_TYPE_UNSIGNED_SHORT -> Short.toUnsignedInt(value.value().usVal());
      default -> Double.NaN;
    };
    if (!Double.isNaN(number)) {
      out.put(field, number);
    }
  }
}
