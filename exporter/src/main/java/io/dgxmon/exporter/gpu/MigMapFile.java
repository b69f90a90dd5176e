package io.dgxmon.exporter.gpu;

import io.dgxmon.common.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Publishes the UUID lookup for the Slurm prolog ({@code --mig-map-file}, default /run/dgxmon/exporter/mig-uuids): per
 * GPU one line {@code <GPU-UUID> <gpu>}, then one line {@code <MIG-UUID> <gpu>.<gi>} per MIG instance, so the prolog
 * can turn the UUIDs in CUDA_VISIBLE_DEVICES (MIG ones, and whole GPUs' from Slurm 25.11) into job map file names. The
 * name predates the whole-GPU lines and is kept so existing settings stay valid. Written through {@link AtomicFile}
 * (fsynced, world-readable) and only when it changes; a GPU NVML cannot read keeps the lines it last had.
 */
public final class MigMapFile {
  private final Path file;
  private final Consumer<String> log;
  private final Map<Integer, List<String>> linesByGpu = new TreeMap<>();
  private String written;
  private String lastError;

  public MigMapFile(Path file, Consumer<String> log) {
    this.file = file;
    this.log = log;
  }

  /** Called after every successful NVML read. */
  public synchronized void update(GpuSnapshot snapshot) {
    String content = render(snapshot);
    if (content.equals(written)) {
      return;
    }
    try {
      write(content);
      written = content;
      lastError = null;
    } catch (IOException | RuntimeException e) {
      String error = "cannot write MIG map file " + file + ": " + e.getMessage();
      if (!error.equals(lastError)) {
        log.accept(error);
        lastError = error;
      }
    }
  }

  /** The content {@link #update} would write after {@code snapshot} ({@code --check} compares it). */
  public String render(GpuSnapshot snapshot) {
    for (GpuDevice gpu : snapshot.gpus()) {
      if (gpu.up()) {
        List<String> lines = new ArrayList<>();
        if (plainUuid(gpu.identity().uuid(), "GPU-")) {
          lines.add(gpu.identity().uuid() + " " + gpu.index());
        }
        gpu.migInstances().stream()
            .sorted(java.util.Comparator.comparingInt(MigInstance::gpuInstanceId))
            .filter(mig -> plainUuid(mig.uuid(), "MIG-"))
            .forEach(mig -> lines.add(mig.uuid() + " " + mig.mappingKey(gpu.index())));
        linesByGpu.put(gpu.index(), lines);
      }
    }
    linesByGpu.keySet().removeIf(index -> index >= snapshot.gpus().size());
    StringBuilder text = new StringBuilder();
    linesByGpu.values().forEach(lines -> lines.forEach(line -> text.append(line).append('\n')));
    return text.toString();
  }

  /**
   * NVML's UUIDs are ASCII; anything else would break the prolog's line format, so it is left out. A MIG UUID may
   * also have NVML's older form {@code MIG-GPU-<uuid>/<gi>/<ci>}, with slashes, as the prolog accepts.
   */
  private static boolean plainUuid(String uuid, String prefix) {
    return uuid.startsWith(prefix) && uuid.matches(prefix.equals("MIG-") ? "[0-9A-Za-z/-]+" : "[0-9A-Za-z-]+");
  }

  /** World-readable whatever the unit's UMask: the prolog reads it. */
  private void write(String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFile.write(file, content.getBytes(StandardCharsets.US_ASCII), AtomicFile.WORLD_READABLE);
  }
}
