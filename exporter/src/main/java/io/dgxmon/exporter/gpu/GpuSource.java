package io.dgxmon.exporter.gpu;

/** Where GPU snapshots come from: NVML in production ({@link NvmlGpuSource}), plain values in tests. */
public interface GpuSource extends AutoCloseable {
  /** Reads every GPU once; may block inside the driver (callers bound it with a timeout). */
  GpuSnapshot read() throws Exception;

  @Override
  default void close() {}
}
