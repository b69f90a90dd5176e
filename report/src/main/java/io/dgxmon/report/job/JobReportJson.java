package io.dgxmon.report.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The job report for scripts (--json): SI units (seconds, bytes, joules, grams), times in Unix seconds. */
public final class JobReportJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JobReportJson() {}

  public static ObjectNode of(JobReport r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("jobid", r.jobId()).put("user", r.user()).put("account", r.account()).put("partition", r.partition());
    o.put("start", r.start().getEpochSecond()).put("end", r.end().getEpochSecond()).put("running", r.running())
        .put("seconds", r.seconds());
    r.nodes().forEach(o.putArray("nodes")::add);
    ObjectNode cpu = o.putObject("cpu").put("cores", r.cpu().cores()).put("cpu_seconds", r.cpu().cpuSeconds());
    put(cpu, "efficiency_percent", r.cpu().efficiencyPercent());
    ObjectNode memory = o.putObject("memory").put("peak_bytes", r.memory().peakBytes())
        .put("limit_bytes", r.memory().limitBytes());
    put(memory, "efficiency_percent", r.memory().efficiencyPercent());
    ArrayNode gpus = o.putArray("gpus");
    for (JobReport.Gpu g : r.gpus()) {
      gpus.addObject().put("node", g.node()).put("gpu", g.gpu()).put("uuid", g.uuid())
          .put("utilization_percent", g.utilizationPercent()).put("memory_peak_mib", g.memoryPeakMiB())
          .put("nvml_energy_joules", g.counterJoules()).put("jobs_sharing", g.jobsSharing())
          .put("last_xid", g.lastXid());
    }
    JobReport.Energy e = r.energy();
    ObjectNode energy = o.putObject("energy").put("gpu_joules", e.gpuJoules()).put("rest_joules", e.restJoules())
        .put("rest_source", e.restSource()).put("total_joules", e.totalJoules());
    put(energy, "emission_factor_grams_per_kwh", e.factorGramsPerKwh());
    put(energy, "co2_grams", e.co2Grams());
    ArrayNode alerts = o.putArray("alerts");
    r.alerts().forEach(a -> alerts.addObject().put("alertname", a.name()).put("node", a.node()).put("gpu", a.gpu())
        .put("uuid", a.uuid()));
    return o;
  }

  private static void put(ObjectNode o, String key, Optional<Double> value) {
    if (value.isPresent()) {
      o.put(key, value.get());
    } else {
      o.putNull(key);
    }
  }
}
