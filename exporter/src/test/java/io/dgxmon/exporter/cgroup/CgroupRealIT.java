package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.exporter.ExporterServer;
import io.dgxmon.exporter.ExporterServer.Endpoint;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Promtool;
import io.dgxmon.testkit.RequiredTool;
import io.dgxmon.testkit.SlurmCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter on this machine's real cgroups while a real Slurm job runs (v1: slurm_<node>/uid_0/job_N). */
class CgroupRealIT {
  @TempDir Path tmp;

  @Test
  void aRunningSlurmJobIsReportedFromTheRealCgroupTree() throws Exception {
    RequiredTool.require("slurmd", "slurm-wlm");
    List<String> log = new ArrayList<>();
    try (SlurmCluster cluster = SlurmCluster.builder(tmp.resolve("slurm")).nodes(1).gpusPerNode(2)
        .firstAddress("127.0.2.11").start()) {
      // burn a little CPU so the counters are not zero, then stay alive while we scrape
      long job = cluster.sbatch("--wrap", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 120");
      cluster.awaitJobState(job, "RUNNING", Duration.ofSeconds(30));
      var config = ExporterCommand.parseConfig(Map.of(), "--dcgm.listen-address", "off", "--gpu.listen-address",
          "off", "--cgroup.listen-address", "127.0.2.11:0", "--path.cgroup.root", "/sys/fs/cgroup",
          "--job-info-dir", tmp.resolve("jobs").toString(), "--collect.max-age", "0", "--collect.fullslurm");
      try (ExporterServer server = ExporterServer.start(config, log::add)) {
        URI uri = URI.create("http://127.0.2.11:" + server.port(Endpoint.CGROUP).orElseThrow() + "/metrics");
        Pattern total = Pattern.compile("(?m)^cgroup_cpu_total_seconds\\{jobid=\"" + job
            + "\",step=\"\",task=\"\"} ([0-9.E]+)$");
        String body = Await.until("cgroup_cpu_total_seconds > 0 for job " + job, Duration.ofSeconds(30),
            () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body(),
            text -> total.matcher(text).results().anyMatch(m -> Double.parseDouble(m.group(1)) > 0));
        assertTrue(body.contains("cgroup_uid{jobid=\"" + job + "\"} 0.0\n"), body);
        assertTrue(body.contains("cgroup_cpu_total_seconds{jobid=\"" + job + "\",step=\"batch\",task=\"\"}"), body);
        assertTrue(Pattern.compile("(?m)^cgroup_memory_used_bytes\\{jobid=\"" + job
            + "\",step=\"\",task=\"\"} [1-9]").matcher(body).find(), body);
        assertTrue(body.contains("dgxmon_scrape_collector_success{collector=\"cgroup\"} 1.0\n"), body);
        Promtool.checkMetrics(body, CompatibilityLint.CGROUP_PROFILE);
      }
    }
  }
}
