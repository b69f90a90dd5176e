package io.dgxmon.exporter.check;

import io.dgxmon.exporter.config.ExporterConfig;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code dgxmon-exporter --check}: gathers what the service would see (NVML through the service's loader, the cgroup
 * tree, the job files, the kubelet's pod-resources socket, the listen ports), prints {@link CheckReport} and returns its exit code. Writes no file.
 */
public final class SelfCheck {
  private final ExporterConfig config;
  private final String configSource;

  public SelfCheck(ExporterConfig config, String configSource) {
    this.config = config;
    this.configSource = configSource;
  }

  /** Prints the report to {@code out}; 0 when the service would start and serve, 1 otherwise. */
  public int run(PrintWriter out) throws InterruptedException {
    NvmlFacts nvml = NvmlProbe.probe(config);
    CheckReport report = new CheckReport(configSource, config.hostname(), nvml,
        CgroupProbe.probe(config.cgroupRoot()),
        List.of(FileProbe.jobMap(config.hpcJobMappingDir()), FileProbe.jobInfo(config.jobInfoDir()),
            FileProbe.gpustat(config.gpustatDir())),
        FileProbe.migMap(config.migMapFile(), nvml),
        List.of(PortProbe.probe("dcgm", config.dcgmListenAddress()), PortProbe.probe("gpu", config.gpuListenAddress()),
            PortProbe.probe("cgroup", config.cgroupListenAddress())),
        KubeletProbe.probe(config.kubernetes()),
        EnergyProbe.probe(config.energy()));
    report.text().forEach(out::println);
    out.flush();
    return report.exitCode();
  }
}
