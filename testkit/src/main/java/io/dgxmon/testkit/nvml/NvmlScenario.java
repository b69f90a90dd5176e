package io.dgxmon.testkit.nvml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the scenario file the NVML stub answers from (format documented at the top of nvml_stub.c):
 * {@code NvmlScenario.gpus(8).set(1, "error", 15).hang("nvmlDeviceGetPowerUsage").writeTo(path)}.
 * Every GPU starts with plausible H100 values; tests override what they check.
 */
public final class NvmlScenario {
  private final Map<String, String> values = new LinkedHashMap<>();

  private NvmlScenario() {}

  /** {@code count} H100-like GPUs with distinct, deterministic values (GPU i: temperature 30+i, ...). */
  public static NvmlScenario gpus(int count) {
    NvmlScenario scenario = new NvmlScenario();
    scenario.put("driver_version", "550.144.03");
    scenario.put("gpu_count", count);
    for (int i = 0; i < count; i++) {
      scenario.set(i, "name", "NVIDIA H100 80GB HBM3")
          .set(i, "uuid", uuid(i))
          .set(i, "pci_bus_id", String.format("00000000:%02X:00.0", 0x18 + 0x10 * i))
          .set(i, "minor", i)
          .set(i, "sm_clock", 1980).set(i, "mem_clock", 2619).set(i, "graphics_clock", 1980).set(i, "video_clock", 1755)
          .set(i, "gpu_temp", 30 + i).set(i, "memory_temp", 40 + i)
          .set(i, "power_mw", 70_000 + 1_000 * i + 123).set(i, "energy_mj", energyMillijoules(i))
          .set(i, "pcie_replay", i).set(i, "gpu_util", 10 + i).set(i, "mem_util", 5 + i)
          .set(i, "enc_util", 0).set(i, "dec_util", 0)
          .set(i, "fb_total_mib", 81559).set(i, "fb_used_mib", 1000 + i).set(i, "fb_reserved_mib", 559)
          .set(i, "fb_free_mib", 81559 - 559 - 1000 - i)
          .set(i, "nvlink_bw_total", 0)
          .set(i, "remap_corr", 0).set(i, "remap_unc", 0).set(i, "remap_pending", 0).set(i, "remap_failure", 0)
          .set(i, "ecc_corr_vol", 0).set(i, "ecc_corr_agg", i).set(i, "ecc_unc_vol", 0).set(i, "ecc_unc_agg", 0);
    }
    return scenario;
  }

  /** The total energy counter (mJ) {@link #gpus} gives GPU {@code i}. */
  public static long energyMillijoules(int i) {
    return 1_000_000_000L + i;
  }

  /** The UUID {@link #gpus} gives GPU {@code i}. */
  public static String uuid(int i) {
    return String.format("GPU-%08x-1111-2222-3333-%012x", 0xabcd0000 + i, i);
  }

  public NvmlScenario set(int gpu, String field, Object value) {
    return put("gpu." + gpu + "." + field, value);
  }

  /** Turns GPU {@code gpu} into MIG mode with one instance (gpu instance id {@code gi}, profile e.g. "3g.40gb"). */
  public NvmlScenario mig(int gpu, int slot, int gi, String profile, String uuid, long usedMib) {
    String prefix = "mig." + slot + ".";
    set(gpu, "mig.count", Math.max(slot + 1, Integer.parseInt(values.getOrDefault("gpu." + gpu + ".mig.count", "0"))));
    return set(gpu, prefix + "gi", gi).set(gpu, prefix + "uuid", uuid)
        .set(gpu, prefix + "name", "NVIDIA H100 80GB HBM3 MIG " + profile)
        .set(gpu, prefix + "fb_total_mib", 40192).set(gpu, prefix + "fb_used_mib", usedMib)
        .set(gpu, prefix + "fb_free_mib", 40192 - usedMib);
  }

  /** Makes {@code function} sleep {@code seconds} on every GPU. */
  public NvmlScenario hang(String function, int seconds) {
    return put("hang", function).put("hang_seconds", seconds);
  }

  public NvmlScenario put(String key, Object value) {
    String text = String.valueOf(value);
    if (key.contains("=") || key.contains("\n") || text.contains("\n")) {
      throw new IllegalArgumentException("scenario key/value must be one line without '=' in the key: " + key);
    }
    values.put(key, text);
    return this;
  }

  public NvmlScenario remove(String key) {
    values.remove(key);
    return this;
  }

  /** Writes the scenario atomically (the stub re-reads it when it changes). */
  public Path writeTo(Path file) {
    StringBuilder text = new StringBuilder("# NVML stub scenario written by NvmlScenario\n");
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".scenario", ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
