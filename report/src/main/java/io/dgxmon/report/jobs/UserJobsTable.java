package io.dgxmon.report.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dgxmon.report.Units;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The user's jobs as a table for people, or a JSON array for scripts. */
public final class UserJobsTable {
  private static final String ROW = "%-14s %-12s %-10s %-20s %5s %12s %12s %10s%n";

  private UserJobsTable() {}

  public static void print(String user, List<UserJob> jobs, PrintWriter out) {
    out.printf(Locale.ROOT, ROW, "JOBID", "ACCOUNT", "PARTITION", "START", "GPUS", "GPU kWh", "TOTAL kWh", "CO2e kg");
    double total = 0;
    for (UserJob j : jobs) {
      out.printf(Locale.ROOT, ROW, j.jobId(), j.account(), j.partition(), j.start().map(Units::time).orElse("?"),
          Units.number("%.0f", j.gpus()), Units.number("%.4f", j.gpuJoules() / Units.JOULES_PER_KWH),
          Units.number("%.4f", j.totalJoules() / Units.JOULES_PER_KWH),
          j.co2Grams().map(g -> Units.number("%.3f", g / 1000)).orElse("n/a"));
      total += j.totalJoules();
    }
    out.printf(Locale.ROOT, "%d jobs of %s, %s in all%n", jobs.size(), user, Units.kwh(total));
    out.flush();
  }

  public static ArrayNode json(List<UserJob> jobs) {
    ArrayNode array = new ObjectMapper().createArrayNode();
    for (UserJob j : jobs) {
      var o = array.addObject().put("jobid", j.jobId()).put("account", j.account()).put("partition", j.partition());
      j.start().ifPresentOrElse(s -> o.put("start", s.getEpochSecond()), () -> o.putNull("start"));
      o.put("gpus", j.gpus()).put("gpu_joules", j.gpuJoules()).put("total_joules", j.totalJoules());
      j.co2Grams().ifPresentOrElse(g -> o.put("co2_grams", g), () -> o.putNull("co2_grams"));
    }
    return array;
  }
}
