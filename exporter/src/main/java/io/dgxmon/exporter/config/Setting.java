package io.dgxmon.exporter.config;

/** One option's raw text and where it came from ({@code --nvml.timeout}, {@code exporter.json line 3 field 'x'}). */
public record Setting(String value, String origin) {}
