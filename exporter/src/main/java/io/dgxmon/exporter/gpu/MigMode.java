package io.dgxmon.exporter.gpu;

/** A GPU's current MIG mode as NVML reports it; {@code NOT_SUPPORTED} also for GPUs that predate MIG. */
public enum MigMode { ENABLED, DISABLED, NOT_SUPPORTED }
