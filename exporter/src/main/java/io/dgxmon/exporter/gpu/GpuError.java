package io.dgxmon.exporter.gpu;

/** Why NVML failed on a GPU: the nvmlReturn_t code (jobstats' {@code nvidia_gpu_last_error}) and the call with NVML's text. */
public record GpuError(int code, String message) {}
