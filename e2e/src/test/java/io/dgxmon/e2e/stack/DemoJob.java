package io.dgxmon.e2e.stack;

import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.RequiredTool;
import io.dgxmon.testkit.SlurmCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A running 2-GPU batch job on one node of the stack's Slurm, charged to an account; closing cancels it. */
public final class DemoJob implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final SlurmCluster slurm;
  private final long id;

  private DemoJob(SlurmCluster slurm, long id) {
    this.slurm = slurm;
    this.id = id;
  }

  /** Submits {@code srun sleep 300} on {@code node} and waits until it runs. */
  public static DemoJob start(SlurmCluster slurm, String node, String account) throws IOException {
    DemoJob job = new DemoJob(slurm, slurm.sbatch("-N1", "-w", node, "--gres=gpu:2", "-A", account, "--wrap",
        "srun sleep 300"));
    try {
      slurm.awaitJobState(job.id, "RUNNING", TIMEOUT);
      return job;
    } catch (RuntimeException | Error e) {
      job.close();
      throw e;
    }
  }

  public String id() {
    return Long.toString(id);
  }

  /** Cancels the job and waits until Slurm says so (the epilog has then run). */
  @Override
  public void close() {
    Processes.run(TIMEOUT, slurm.env(), List.of(RequiredTool.require("scancel", "slurm-client").toString(), id()))
        .assertSuccess("scancel " + id);
    slurm.awaitJobState(id, "CANCELLED", TIMEOUT);
  }
}
