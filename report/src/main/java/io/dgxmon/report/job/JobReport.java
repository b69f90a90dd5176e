package io.dgxmon.report.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything the job report prints, as plain values (also its --json form). */
public record JobReport(
    String jobId, String user, String account, String partition,
    Instant start, Instant end, boolean running, long seconds,
    List<String> nodes, Cpu cpu, Memory memory, List<Gpu> gpus, Energy energy, List<Alert> alerts) {

  public JobReport {
    nodes = List.copyOf(nodes);
    gpus = List.copyOf(gpus);
    alerts = List.copyOf(alerts);
  }

  /** CPU: cores allocated (sum over nodes), CPU seconds used, used / (cores x wall time). */
  public record Cpu(double cores, double cpuSeconds, Optional<Double> efficiencyPercent) {}

  /** Memory: peak RSS and the cgroups' limits, summed over nodes; peak / limit. */
  public record Memory(double peakBytes, double limitBytes, Optional<Double> efficiencyPercent) {}

  /**
   * One GPU of the job: mean utilisation, peak memory, the energy its NVML counter counted while it carried the job's
   * label, how many jobs shared it at most, the last XID seen (0 none).
   */
  public record Gpu(String node, String gpu, String uuid, double utilizationPercent, double memoryPeakMiB,
      double counterJoules, int jobsSharing, double lastXid) {}

  /**
   * Attributed energy (docs/Energy.md): the GPUs' share and the rest of the node's, its source ("bmc", "rapl" or
   * "none"); CO2e with the emission factor recorded in Prometheus, when there is one.
   */
  public record Energy(double gpuJoules, double restJoules, String restSource, double totalJoules,
      Optional<Double> factorGramsPerKwh, Optional<Double> co2Grams) {}

  /** An alert that fired for one of the job's GPUs during the job. */
  public record Alert(String name, String node, String gpu, String uuid) {}
}
