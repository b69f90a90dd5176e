package io.dgxmon.exporter.config;

import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.exporter.pods.PodsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The exporter's resolved settings (flags over environment over config file over defaults), immutable.
 *
 * @param dcgmListenAddress dcgm-exporter compatible profile, empty when {@code off}
 * @param gpuListenAddress jobstats GPU profile, empty when {@code off}
 * @param cgroupListenAddress jobstats cgroup profile, empty when {@code off}
 * @param cgroupRoot where the cgroup file systems are mounted
 * @param collectFullSlurm also export step and task cgroups, not only job totals
 * @param hpcJobMappingDir dcgm-exporter's GPU to job map, one file per GPU index
 * @param jobInfoDir {@code key=value} files the prolog writes, one per job
 * @param gpustatDir jobstats' {@code "<jobid> <uid>"} files per GPU, empty when not used
 * @param nvmlLibrary file name or path of the NVML library
 * @param hostname value of the host name label
 * @param dcgmHostnameLabel name of the host name label on the dcgm profile ({@code Hostname} or {@code hostname})
 * @param nvmlTimeout longest wait for one NVML collection before the last good result is served
 * @param cgroupTimeout longest wait for one cgroup collection before the last good result is served
 * @param collectMaxAge a collection younger than this is reused by the next scrape
 * @param migMapFile where the GPU collector publishes MIG UUIDs for the prolog
 * @param kubernetes pod labels from the kubelet's pod-resources socket
 * @param energy RAPL and BMC power sources of the :9306 profile
 */
public record ExporterConfig(
    Optional<ListenAddress> dcgmListenAddress,
    Optional<ListenAddress> gpuListenAddress,
    Optional<ListenAddress> cgroupListenAddress,
    Path cgroupRoot,
    boolean collectFullSlurm,
    Path hpcJobMappingDir,
    Path jobInfoDir,
    Optional<Path> gpustatDir,
    String nvmlLibrary,
    String hostname,
    String dcgmHostnameLabel,
    Duration nvmlTimeout,
    Duration cgroupTimeout,
    Duration collectMaxAge,
    Path migMapFile,
    PodsConfig kubernetes,
    EnergyConfig energy) {}
