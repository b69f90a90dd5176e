package io.dgxmon.report.job;

import io.dgxmon.report.Units;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** The job report for people: one screen, in the spirit of jobstats. */
public final class JobReportText {
  private JobReportText() {}

  public static void print(JobReport r, PrintWriter out) {
    out.printf(Locale.ROOT, "Job %s   user %s   account %s   partition %s%n", r.jobId(), r.user(), r.account(),
        r.partition());
    out.printf(Locale.ROOT, "  Time     %s -> %s (%s)%s%n", Units.time(r.start()), Units.time(r.end()),
        Units.duration(Duration.ofSeconds(r.seconds())), r.running() ? "  still running" : "");
    out.printf(Locale.ROOT, "  Nodes    %d: %s%n", r.nodes().size(), String.join(", ", r.nodes()));
    out.printf(Locale.ROOT, "  CPU      %s cores, %s CPU-hours used, efficiency %s%n",
        Units.number("%.0f", r.cpu().cores()), Units.number("%.2f", r.cpu().cpuSeconds() / 3600),
        Units.percent(r.cpu().efficiencyPercent()));
    out.printf(Locale.ROOT, "  Memory   peak %s of %s (%s)%n", Units.gib(r.memory().peakBytes()),
        Units.gib(r.memory().limitBytes()), Units.percent(r.memory().efficiencyPercent()));
    double meanUtil = r.gpus().stream().mapToDouble(JobReport.Gpu::utilizationPercent).average().orElse(0);
    out.printf(Locale.ROOT, "  GPUs     %d%s%n", r.gpus().size(),
        r.gpus().isEmpty() ? "" : ", mean utilisation " + Units.number("%.1f%%", meanUtil));
    for (JobReport.Gpu g : r.gpus()) {
      out.printf(Locale.ROOT, "    %s gpu %s  util %5.1f%%  memory peak %6.0f MiB  NVML energy %s%s%s%n", g.node(),
          g.gpu(), g.utilizationPercent(), g.memoryPeakMiB(), Units.kwh(g.counterJoules()),
          g.jobsSharing() > 1 ? "  (shared by " + g.jobsSharing() + " jobs)" : "",
          g.lastXid() > 0 ? "  last XID " + Units.number("%.0f", g.lastXid()) : "");
    }
    JobReport.Energy e = r.energy();
    out.printf(Locale.ROOT, "  Energy   %s = GPUs %s + rest of node %s (%s)%n", Units.kwh(e.totalJoules()),
        Units.kwh(e.gpuJoules()), Units.kwh(e.restJoules()), e.restSource());
    out.printf(Locale.ROOT, "  CO2e     %s%n", e.co2Grams().isPresent()
        ? Units.number("%.1f g", e.co2Grams().get()) + " at " + Units.number("%.0f", e.factorGramsPerKwh().get())
            + " gCO2e/kWh"
        : "n/a (no dgxmon:emission_factor_grams_per_kwh in Prometheus)");
    if (r.alerts().isEmpty()) {
      out.println("  Alerts   none for its GPUs");
    } else {
      for (JobReport.Alert a : r.alerts()) {
        out.printf(Locale.ROOT, "  Alert    %s on %s gpu %s (%s)%n", a.name(), a.node(), a.gpu(), a.uuid());
      }
    }
    out.flush();
  }
}
