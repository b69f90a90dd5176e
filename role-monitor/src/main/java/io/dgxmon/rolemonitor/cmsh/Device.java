package io.dgxmon.rolemonitor.cmsh;

/** One row of {@code device; list}: what the monitor needs to know about a device. */
public record Device(String hostname, String type, String category, String ip, String status) {}
