package io.dgxmon.report;

import io.dgxmon.report.jobs.UserJob;
import io.dgxmon.report.jobs.UserJobsReader;
import io.dgxmon.report.jobs.UserJobsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dgxmon-report jobs --user NAME --since 7d}: a user's jobs with their energy. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = "A user's jobs seen in the period (dgxmon_job_info) with GPUs, energy and CO2e attributed in it.")
final class JobsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin PrometheusOptions prometheus;

  @Option(names = "--user", paramLabel = "NAME", required = true, description = "the jobs' owner (Slurm user name)")
  String owner;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d",
      description = "the period, ending now (default: ${DEFAULT-VALUE})")
  String since;

  @Option(names = "--step", paramLabel = "DURATION", defaultValue = "30s",
      description = "the recording rules' evaluation interval: each recorded power sample stands for this long"
          + " (default: ${DEFAULT-VALUE})")
  String step;

  @Option(names = "--json", description = "print a JSON array (SI units, Unix seconds) instead of the table")
  boolean json;

  @Override
  public Integer call() {
    return ReportAction.run(spec.commandLine().getErr(), () -> {
      String name = QueryArguments.user(owner);
      Duration period = QueryArguments.duration("--since", since);
      Duration resolution = QueryArguments.duration("--step", step);
      List<UserJob> jobs = new UserJobsReader(prometheus.client(System.getenv()))
          .read(name, period, resolution, Instant.now());
      if (json) {
        spec.commandLine().getOut().println(UserJobsTable.json(jobs).toPrettyString());
        spec.commandLine().getOut().flush();
      } else {
        UserJobsTable.print(name, jobs, spec.commandLine().getOut());
      }
    });
  }
}
