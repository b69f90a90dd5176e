package io.dgxmon.report;

import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.PrometheusBackfill;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * An hour of what dgxmon's exporters would have served about job 7001 (user erin) on node dgx-b1, as OpenMetrics text
 * for promtool's backfill, scraped every 30 s. Inputs chosen so that every figure of the report is known:
 * 16 cores busy 8 CPU-seconds per second (50%), RSS 8 GiB with one 12 GiB peak of a 32 GiB limit, GPU 0 400 W at 80%
 * with one 30000 MiB peak, GPU 1 300 W at 60% shared with job 7002 (user frank), GPU 2 100 W idle; the BMC reads
 * 2000 W on a 64-CPU node. An XID alert fired for GPU 1; others fired for GPU 2 and for another node (not the job's).
 */
public final class HourOfJob {
  public static final String JOB = "7001";
  static final String USER = "erin";
  static final int SECONDS = 3600;
  static final int STEP = 30;
  static final double GPU0_WATTS = 400;
  static final double GPU1_WATTS = 300;
  static final double GPU2_WATTS = 100;
  static final double NODE_WATTS = 2000;
  static final int NODE_CPUS = 64;
  static final int CORES = 16;
  static final double CPU_RATE = 8;
  static final double GIB = 1L << 30;

  private final long t0;
  private final Map<String, StringBuilder> families = new LinkedHashMap<>();

  private HourOfJob(long t0) {
    this.t0 = t0;
  }

  /**
   * Backfills the hour (ending 2 hours before now) and docs/prometheus/rules.yml's recording rules over it into
   * {@code dir}, and starts Prometheus on it. Backfilled blocks carry no staleness markers, so instant selectors
   * would see a finished job for 5 more minutes (a live Prometheus marks the series stale at the first scrape without
   * them): the rules are backfilled up to the job's end (promtool's end is exclusive: one interval more).
   */
  public static Prometheus backfilled(Path dir) {
    long t0 = (Instant.now().getEpochSecond() - 3 * 3600) / 60 * 60;
    PrometheusBackfill.openMetrics(dir, openMetrics(t0));
    return PrometheusBackfill.rules(dir, "global: {evaluation_interval: " + STEP + "s}\n", rulesFile(),
        Instant.ofEpochSecond(t0 - 600), Instant.ofEpochSecond(t0 + SECONDS + STEP), Duration.ofSeconds(STEP));
  }

  /** docs/prometheus/rules.yml from the module directory (tests) or the repository root (./setup.sh --bench). */
  static Path rulesFile() {
    Path fromModule = Path.of("..", "docs", "prometheus", "rules.yml");
    return Files.isRegularFile(fromModule) ? fromModule : Path.of("docs", "prometheus", "rules.yml");
  }

  /** The job runs from {@code t0} for an hour; node series run from 10 minutes before to 10 minutes after. */
  static String openMetrics(long t0) {
    HourOfJob h = new HourOfJob(t0);
    h.write();
    StringBuilder text = new StringBuilder();
    h.families.values().forEach(text::append);
    return text.append("# EOF\n").toString();
  }

  private void write() {
    String node = "hostname=\"dgx-b1\",instance=\"dgx-b1:9306\",job=\"cgroup_exporter\"";
    String dcgm = "hostname=\"dgx-b1\",instance=\"dgx-b1:9400\",job=\"dcgm_exporter\",Hostname=\"dgx-b1\"";
    String job = node + ",jobid=\"" + JOB + "\"";
    String total = job + ",step=\"\",task=\"\"";
    job("dgxmon_job_info", job + ",user=\"erin\",uid=\"1005\",account=\"proj-e\",partition=\"gpu\"", t -> 1);
    job("dgxmon_job_info", node + ",jobid=\"7002\",user=\"frank\",uid=\"1006\",account=\"proj-f\",partition=\"gpu\"",
        t -> 1);
    job("dgxmon_job_start_time_seconds", job, t -> t0);
    job("dgxmon_job_start_time_seconds", node + ",jobid=\"7002\"", t -> t0);
    job("cgroup_cpus", total, t -> CORES);
    job("cgroup_cpu_total_seconds", total, t -> CPU_RATE * (t - t0));
    job("cgroup_cpu_total_seconds", node + ",jobid=\"7002\",step=\"\",task=\"\"", t -> 0);
    job("cgroup_memory_rss_bytes", total, t -> t == t0 + 1800 ? 12 * GIB : 8 * GIB);
    job("cgroup_memory_total_bytes", total, t -> 32 * GIB);
    around("dgxmon_node_cpus", node, t -> NODE_CPUS);
    around("dgxmon_node_power_watts", node, t -> NODE_WATTS);
    around("dgxmon_node_power_reading_success", node, t -> 1);
    String gpu0 = dcgm + ",gpu=\"0\",UUID=\"GPU-b0\"";
    String gpu1 = dcgm + ",gpu=\"1\",UUID=\"GPU-b1\"";
    String gpu2 = dcgm + ",gpu=\"2\",UUID=\"GPU-b2\"";
    for (String j : List.of(JOB, "7002")) {
      job("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", gpu1 + ",hpc_job=\"" + j + "\"", t -> 1000 * GPU1_WATTS * (t - t0));
    }
    job("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", gpu0 + ",hpc_job=\"" + JOB + "\"", t -> 1000 * GPU0_WATTS * (t - t0));
    around("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", gpu2 + ",hpc_job=\"\"", t -> 1000 * GPU2_WATTS * (t - t0 + 600));
    job("DCGM_FI_DEV_GPU_UTIL", gpu0 + ",hpc_job=\"" + JOB + "\"", t -> 80);
    job("DCGM_FI_DEV_GPU_UTIL", gpu1 + ",hpc_job=\"" + JOB + "\"", t -> 60);
    job("DCGM_FI_DEV_GPU_UTIL", gpu1 + ",hpc_job=\"7002\"", t -> 60);
    job("DCGM_FI_DEV_FB_USED", gpu0 + ",hpc_job=\"" + JOB + "\"", t -> t == t0 + 600 ? 30000 : 20000);
    job("DCGM_FI_DEV_FB_USED", gpu1 + ",hpc_job=\"" + JOB + "\"", t -> 10000);
    job("DCGM_FI_DEV_XID_ERRORS", gpu1 + ",hpc_job=\"" + JOB + "\"", t -> t >= t0 + 1200 ? 79 : 0);
    String alert = "alertname=\"DgxmonNewXidError\",alertstate=\"firing\",severity=\"warning\"";
    firing(alert + "," + gpu1);
    firing(alert + "," + gpu2);
    firing(alert + ",hostname=\"dgx-b2\",instance=\"dgx-b2:9400\",job=\"dcgm_exporter\",gpu=\"1\",UUID=\"GPU-c1\"");
  }

  private void job(String name, String labels, LongToDoubleFunction value) {
    series(name, labels, t0, t0 + SECONDS, value);
  }

  private void around(String name, String labels, LongToDoubleFunction value) {
    series(name, labels, t0 - 600, t0 + SECONDS + 600, value);
  }

  private void firing(String labels) {
    series("ALERTS", labels, t0 + 1200, t0 + 1500, t -> 1);
  }

  private void series(String name, String labels, long from, long to, LongToDoubleFunction value) {
    StringBuilder family = families.computeIfAbsent(name, n -> new StringBuilder());
    for (long t = from; t <= to; t += STEP) {
      family.append(String.format(Locale.ROOT, "%s{%s} %s %d%n", name, labels, value.applyAsDouble(t), t));
    }
  }
}
