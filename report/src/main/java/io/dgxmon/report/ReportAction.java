package io.dgxmon.report;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.report.job.JobNotFoundException;
import io.dgxmon.report.prom.PrometheusException;
import java.io.PrintWriter;

/** Runs a subcommand's work and turns each known failure into one line on stderr and its exit code. */
final class ReportAction {
  /** The work of one subcommand. */
  interface Work {
    void run() throws UsageException, PrometheusException, JobNotFoundException;
  }

  private ReportAction() {}

  static int run(PrintWriter err, Work work) {
    try {
      work.run();
      return ExitCodes.OK;
    } catch (UsageException e) {
      err.println("dgxmon-report: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (PrometheusException | JobNotFoundException e) {
      err.println("dgxmon-report: " + e.getMessage());
      return ExitCodes.RUNTIME_FAILURE;
    } finally {
      err.flush();
    }
  }
}
