package io.dgxmon.report.job;

import io.dgxmon.report.Units;
import io.dgxmon.report.prom.PrometheusClient;
import io.dgxmon.report.prom.PrometheusException;
import io.dgxmon.report.prom.PromQl;
import io.dgxmon.report.prom.RangeSeries;
import io.dgxmon.report.prom.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads one job's report from Prometheus: about a dozen instant queries evaluated at the window's end over the
 * window's range, and the raw samples of the attributed powers and the GPUs' energy counters, integrated here.
 */
public final class JobReportReader {
  private static final String GPU_ALERTS = "DgxmonGpuLost|DgxmonNewXidError";

  private final PrometheusClient prometheus;

  public JobReportReader(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  public JobReport read(String jobId, JobWindow window) throws PrometheusException, JobNotFoundException {
    Instant at = window.end();
    String r = "[" + window.range() + "]";
    String job = "jobid=\"" + jobId + "\"";
    String total = job + ",step=\"\",task=\"\"";
    String gpuJob = "hpc_job=\"" + jobId + "\"";

    List<Sample> info = prometheus.vector(
        "max by (hostname, user, account, partition) (max_over_time(dgxmon_job_info{" + job + "}" + r + "))", at);
    if (info.isEmpty()) {
      throw new JobNotFoundException("job " + jobId + ": no dgxmon_job_info between " + window.start() + " and " + at);
    }
    List<String> nodes = new ArrayList<>(new TreeSet<>(info.stream().map(s -> s.label("hostname")).toList()));
    Sample first = info.get(0);

    double cores = sum(prometheus.vector("max_over_time(cgroup_cpus{" + total + "}" + r + ")", at));
    double cpuSeconds = sum(prometheus.vector("max_over_time(cgroup_cpu_total_seconds{" + total + "}" + r + ")", at));
    double wall = window.length().toMillis() / 1000.0;
    var cpu = new JobReport.Cpu(cores, cpuSeconds, percent(cpuSeconds, cores * wall));
    double peak = sum(prometheus.vector("max_over_time(cgroup_memory_rss_bytes{" + total + "}" + r + ")", at));
    double limit = sum(prometheus.vector("max_over_time(cgroup_memory_total_bytes{" + total + "}" + r + ")", at));
    var memory = new JobReport.Memory(peak, limit, percent(peak, limit));

    List<JobReport.Gpu> gpus = gpus(gpuJob, nodes, r, at);
    return new JobReport(jobId, first.label("user"), first.label("account"), first.label("partition"),
        window.start(), at, window.running(), window.length().toSeconds(), nodes, cpu, memory, gpus,
        energy(job, r, at), alerts(gpus, nodes, r, at));
  }

  private List<JobReport.Gpu> gpus(String gpuJob, List<String> nodes, String r, Instant at)
      throws PrometheusException {
    List<Sample> utilSamples = prometheus.vector(
        "max by (hostname, gpu, UUID) (avg_over_time(DCGM_FI_DEV_GPU_UTIL{" + gpuJob + "}" + r + "))", at);
    Map<String, Double> util = byGpu(utilSamples);
    Map<String, Double> memory = byGpu(prometheus.vector(
        "max by (hostname, gpu, UUID) (max_over_time(DCGM_FI_DEV_FB_USED{" + gpuJob + "}" + r + "))", at));
    Map<String, Double> xid = byGpu(prometheus.vector(
        "max by (hostname, gpu, UUID) (last_over_time(DCGM_FI_DEV_XID_ERRORS{" + gpuJob + "}" + r + "))", at));
    Map<String, Double> sharing = byGpu(prometheus.vector("max by (hostname, UUID) (max_over_time(dgxmon:gpu_jobs:count{"
        + "hostname=~" + PromQl.anyOf(nodes) + "}" + r + "))", at));
    Map<String, Double> joules = new HashMap<>();
    Map<String, Sample> names = new HashMap<>();
    for (RangeSeries series : prometheus.matrix("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{" + gpuJob + "}" + r, at)) {
      joules.merge(key(series.label("hostname"), series.label("UUID")), Integrals.increase(series.points()) / 1000,
          Double::sum);
    }
    // The job's GPUs: those with a utilisation series labelled with the job.
    utilSamples.forEach(u -> names.put(key(u.label("hostname"), u.label("UUID")), u));
    List<JobReport.Gpu> gpus = new ArrayList<>();
    names.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Sample s = e.getValue();
      String k = e.getKey();
      gpus.add(new JobReport.Gpu(s.label("hostname"), s.label("gpu"), s.label("UUID"), util.getOrDefault(k, 0.0),
          memory.getOrDefault(k, 0.0), joules.getOrDefault(k, 0.0), (int) Math.round(sharing.getOrDefault(k, 1.0)),
          xid.getOrDefault(k, 0.0)));
    });
    return gpus;
  }

  private JobReport.Energy energy(String job, String r, Instant at) throws PrometheusException {
    double gpu = integrate(prometheus.matrix("dgxmon:node_job_gpu_power_watts{" + job + "}" + r, at));
    List<RangeSeries> restSeries = prometheus.matrix("dgxmon:node_job_rest_power_watts{" + job + "}" + r, at);
    double rest = integrate(restSeries);
    String source = String.join("+", new TreeSet<>(restSeries.stream().map(s -> s.label("source")).toList()));
    List<Sample> factor = prometheus.vector("max(last_over_time(dgxmon:emission_factor_grams_per_kwh[1h]))", at);
    Optional<Double> grams = factor.isEmpty() ? Optional.empty() : Optional.of(factor.get(0).value());
    double total = gpu + rest;
    return new JobReport.Energy(gpu, rest, source.isEmpty() ? "none" : source, total, grams,
        grams.map(g -> total / Units.JOULES_PER_KWH * g));
  }

  private List<JobReport.Alert> alerts(List<JobReport.Gpu> gpus, List<String> nodes, String r, Instant at)
      throws PrometheusException {
    List<JobReport.Alert> alerts = new ArrayList<>();
    if (gpus.isEmpty()) {
      return alerts;
    }
    var mine = new TreeSet<String>();
    gpus.forEach(g -> mine.add(key(g.node(), g.uuid())));
    for (Sample s : prometheus.vector("max by (alertname, hostname, gpu, UUID) (max_over_time(ALERTS{alertstate=\"firing\","
        + "alertname=~\"" + GPU_ALERTS + "\",hostname=~" + PromQl.anyOf(nodes) + "}" + r + "))", at)) {
      if (mine.contains(key(s.label("hostname"), s.label("UUID")))) {
        alerts.add(new JobReport.Alert(s.label("alertname"), s.label("hostname"), s.label("gpu"), s.label("UUID")));
      }
    }
    alerts.sort(java.util.Comparator.comparing(JobReport.Alert::node).thenComparing(JobReport.Alert::gpu)
        .thenComparing(JobReport.Alert::name));
    return alerts;
  }

  private static double integrate(List<RangeSeries> series) {
    return series.stream().mapToDouble(s -> Integrals.joules(s.points())).sum();
  }

  private static Map<String, Double> byGpu(List<Sample> samples) {
    Map<String, Double> values = new HashMap<>();
    samples.forEach(s -> values.put(key(s.label("hostname"), s.label("UUID")), s.value()));
    return values;
  }

  private static String key(String node, String uuid) {
    return node + "\u0000" + uuid;
  }

  private static double sum(List<Sample> samples) {
    return samples.stream().mapToDouble(Sample::value).sum();
  }

  static Optional<Double> percent(double part, double whole) {
    return whole > 0 ? Optional.of(100 * part / whole) : Optional.empty();
  }
}
