package io.dgxmon.report.job;

import io.dgxmon.report.prom.PrometheusClient;
import io.dgxmon.report.prom.PrometheusException;
import io.dgxmon.report.prom.RangeSeries;
import io.dgxmon.report.prom.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds a job's lifetime in Prometheus. End: now while {@code dgxmon_job_info} is current, else its last raw sample
 * (a coarse subquery over the look-back finds roughly when, a raw range query the exact sample). Start:
 * {@code dgxmon_job_start_time_seconds} (Slurm's start time from the prolog's job info file).
 */
public final class JobWindowFinder {
  private static final Duration COARSE_STEP = Duration.ofMinutes(5);
  /** Prometheus's default look-back: an instant query still sees a sample this old. */
  private static final Duration LOOKBACK_DELTA = Duration.ofMinutes(5);

  private final PrometheusClient prometheus;

  public JobWindowFinder(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  /** Fails when the job has no dgxmon_job_info in the look-back before {@code now} and no --to was given. */
  public JobWindow find(String jobId, Optional<Instant> from, Optional<Instant> to, Duration lookBack,
      Instant now) throws PrometheusException, JobNotFoundException {
    String info = "dgxmon_job_info{jobid=\"" + jobId + "\"}";
    Instant end;
    boolean running = false;
    if (to.isPresent()) {
      end = to.get();
    } else if (!prometheus.vector(info, now).isEmpty()) {
      end = now;
      running = true;
    } else {
      Optional<Instant> last = lastSample(info, lookBack, now);
      end = last.orElseThrow(() -> new JobNotFoundException("job " + jobId + ": no dgxmon_job_info in the "
          + lookBack.toDays() + " days before " + now + " (--look-back)"));
    }
    Instant start = from.isPresent() ? from.get() : startTime(jobId, end);
    if (!start.isBefore(end)) {
      throw new JobNotFoundException("job " + jobId + ": start " + start + " is not before end " + end);
    }
    return new JobWindow(start, end, running);
  }

  private Optional<Instant> lastSample(String info, Duration lookBack, Instant now) throws PrometheusException {
    List<Sample> coarse = prometheus.vector("max(max_over_time(timestamp(" + info + ")[" + lookBack.toSeconds() + "s:"
        + COARSE_STEP.toSeconds() + "s]))", now);
    if (coarse.isEmpty()) {
      return Optional.empty();
    }
    Instant roughly = Instant.ofEpochMilli((long) (coarse.get(0).value() * 1000));
    Duration span = COARSE_STEP.plus(LOOKBACK_DELTA);
    Instant at = roughly.plus(span).isAfter(now) ? now : roughly.plus(span);
    double last = coarse.get(0).value();
    for (RangeSeries series : prometheus.matrix(info + "[" + (span.toSeconds() + 60) + "s]", at)) {
      for (RangeSeries.Point p : series.points()) {
        last = Math.max(last, p.time());
      }
    }
    return Optional.of(Instant.ofEpochMilli(Math.round(last * 1000)));
  }

  private Instant startTime(String jobId, Instant end) throws PrometheusException, JobNotFoundException {
    List<Sample> start = prometheus.vector("min(last_over_time(dgxmon_job_start_time_seconds{jobid=\"" + jobId
        + "\"}[" + LOOKBACK_DELTA.toSeconds() + "s]))", end);
    if (start.isEmpty()) {
      throw new JobNotFoundException("job " + jobId + ": no dgxmon_job_start_time_seconds near " + end
          + "; give --from");
    }
    return Instant.ofEpochMilli(Math.round(start.get(0).value() * 1000));
  }
}
