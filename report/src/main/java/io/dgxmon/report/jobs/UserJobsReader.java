package io.dgxmon.report.jobs;

import io.dgxmon.report.Units;
import io.dgxmon.report.prom.PromQl;
import io.dgxmon.report.prom.PrometheusClient;
import io.dgxmon.report.prom.PrometheusException;
import io.dgxmon.report.prom.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's jobs in a period, each with its attributed energy: six queries whatever the number of jobs. Energy is the
 * recorded power's samples times the rules' evaluation interval {@code step} ({@code sum_over_time(p[period]) * step}):
 * each recorded value stands for one interval.
 */
public final class UserJobsReader {
  private final PrometheusClient prometheus;

  public UserJobsReader(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  public List<UserJob> read(String user, Duration period, Duration step, Instant at) throws PrometheusException {
    String r = "[" + period.toSeconds() + "s]";
    String mine = "max by (jobid) (max_over_time(dgxmon_job_info{user=" + PromQl.quote(user) + "}" + r + "))";
    List<Sample> jobs = prometheus.vector("max by (jobid, account, partition) (max_over_time(dgxmon_job_info{user="
        + PromQl.quote(user) + "}" + r + "))", at);
    Map<String, Double> start = byJob(prometheus.vector(
        "max by (jobid) (max_over_time(dgxmon_job_start_time_seconds" + r + ")) and on (jobid) " + mine, at));
    Map<String, Double> gpus = byJob(prometheus.vector(
        "max_over_time(dgxmon:job_gpus:count" + r + ") and on (jobid) " + mine, at));
    Map<String, Double> gpuJoules = byJob(prometheus.vector(
        integral("dgxmon:job_attributed_gpu_power_watts:sum", period, step) + " and on (jobid) " + mine, at));
    Map<String, Double> joules = byJob(prometheus.vector(
        integral("dgxmon:job_attributed_power_watts:sum", period, step) + " and on (jobid) " + mine, at));
    List<Sample> factor = prometheus.vector("max(last_over_time(dgxmon:emission_factor_grams_per_kwh[1h]))", at);
    Optional<Double> grams = factor.isEmpty() ? Optional.empty() : Optional.of(factor.get(0).value());

    List<UserJob> rows = new ArrayList<>();
    for (Sample job : jobs) {
      String id = job.label("jobid");
      double total = joules.getOrDefault(id, 0.0);
      rows.add(new UserJob(id, job.label("account"), job.label("partition"),
          Optional.ofNullable(start.get(id)).map(s -> Instant.ofEpochMilli(Math.round(s * 1000))),
          gpus.getOrDefault(id, 0.0), gpuJoules.getOrDefault(id, 0.0), total,
          grams.map(g -> total / Units.JOULES_PER_KWH * g)));
    }
    rows.sort(Comparator.comparing((UserJob j) -> j.start().orElse(Instant.EPOCH)).thenComparing(UserJob::jobId));
    return rows;
  }

  private static String integral(String power, Duration period, Duration step) {
    return "sum_over_time(" + power + "[" + period.toSeconds() + "s]) * " + step.toSeconds();
  }

  private static Map<String, Double> byJob(List<Sample> samples) {
    Map<String, Double> values = new HashMap<>();
    samples.forEach(s -> values.put(s.label("jobid"), s.value()));
    return values;
  }
}
