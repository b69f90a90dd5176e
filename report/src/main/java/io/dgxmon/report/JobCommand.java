package io.dgxmon.report;

import io.dgxmon.report.job.JobReport;
import io.dgxmon.report.job.JobReportJson;
import io.dgxmon.report.job.JobReportReader;
import io.dgxmon.report.job.JobReportText;
import io.dgxmon.report.job.JobWindow;
import io.dgxmon.report.job.JobWindowFinder;
import io.dgxmon.report.prom.PrometheusClient;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dgxmon-report job ID}: one job's summary over its lifetime. */
@Command(name = "job", mixinStandardHelpOptions = true,
    description = {
      "One job's summary over its lifetime (dgxmon_job_start_time_seconds to its last dgxmon_job_info sample, or",
      "now while it runs): nodes, CPU, memory and GPU use and efficiency, GPU memory peak, energy of its GPUs and",
      "of the rest of its nodes, CO2e, and the GPU alerts (lost GPU, XID) that fired for its GPUs."
    })
final class JobCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin PrometheusOptions prometheus;

  @Parameters(paramLabel = "ID", description = "Slurm job id (digits, or a SLUID)")
  String jobId;

  @Option(names = "--from", paramLabel = "TIME", description = "start of the period (ISO-8601 like 2026-12-01T08:00:00Z,"
      + " or Unix seconds); default: the job's start")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "end of the period; default: the job's last sample, or now")
  String to;

  @Option(names = "--look-back", paramLabel = "DURATION", defaultValue = "30d",
      description = "how far back to look for a finished job (default: ${DEFAULT-VALUE})")
  String lookBack;

  @Option(names = "--json", description = "print JSON (SI units, Unix seconds) instead of text")
  boolean json;

  @Override
  public Integer call() {
    return ReportAction.run(spec.commandLine().getErr(), () -> {
      String id = QueryArguments.jobId(jobId);
      PrometheusClient client = prometheus.client(System.getenv());
      JobWindow window = new JobWindowFinder(client).find(id, TimeArgument.parse("--from", from),
          TimeArgument.parse("--to", to), QueryArguments.duration("--look-back", lookBack), Instant.now());
      JobReport report = new JobReportReader(client).read(id, window);
      if (json) {
        spec.commandLine().getOut().println(JobReportJson.of(report).toPrettyString());
        spec.commandLine().getOut().flush();
      } else {
        JobReportText.print(report, spec.commandLine().getOut());
      }
    });
  }

  /** Parses --from / --to. */
  static final class TimeArgument {
    private TimeArgument() {}

    static Optional<Instant> parse(String option, String value) throws UsageException {
      if (value == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(value.matches("[0-9]{1,12}") ? Instant.ofEpochSecond(Long.parseLong(value))
            : Instant.parse(value));
      } catch (java.time.format.DateTimeParseException e) {
        throw new UsageException(option + ": expected ISO-8601 (2026-12-01T08:00:00Z) or Unix seconds, got '"
            + value + "'");
      }
    }
  }
}
