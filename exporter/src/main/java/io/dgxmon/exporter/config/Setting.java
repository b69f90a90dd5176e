package io.dgxmon.exporter.config;

/**
 * One option's raw text and where it came from, as a problem names it: {@code --nvml.timeout} (flag),
 * {@code nvml.timeout} (config file field), {@code environment DCGM_HPC_JOB_MAPPING_DIR}.
 */
public record Setting(String value, String origin) {}
