package io.dgxmon.exporter;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-exporter: GPU (NVML) and Slurm cgroup metrics labelled with the owning job. */
@Command(
    name = "dgxmon-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = ExporterCommand.Version.class,
    description = {
      "Serves Prometheus metrics for one DGX node, labelled with the Slurm job that owns each GPU and cgroup:",
      "  :9400  dcgm-exporter compatible DCGM_FI_* GPU metrics (NVML), hpc_job label",
      "  :9445  jobstats compatible nvidia_gpu_* metrics, jobid/userid labels",
      "  :9306  jobstats compatible cgroup_* metrics from Slurm job cgroups (v1 and v2)",
      "Not implemented yet in this build: the collectors arrive with their own changes."
    })
public final class ExporterCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("dgxmon-exporter: collectors are not implemented in this build yet");
    return 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ExporterCommand()).execute(args));
  }

  /** Version from the jar manifest (set by the build). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ExporterCommand.class.getPackage().getImplementationVersion();
      return new String[] {"dgxmon-exporter " + (v == null ? "dev" : v)};
    }
  }
}
