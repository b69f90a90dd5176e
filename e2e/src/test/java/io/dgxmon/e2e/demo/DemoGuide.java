package io.dgxmon.e2e.demo;

import io.dgxmon.e2e.stack.StackFiles;
import io.dgxmon.e2e.stack.Topology;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** What the demo prints once everything is up: where to look, what to query, how to start a job. */
public final class DemoGuide {
  /** A query worth trying, with what it shows. */
  public record Example(String expr, String meaning) {}

  public static final List<Example> EXAMPLES = List.of(
      new Example("DCGM_FI_DEV_GPU_UTIL", "every GPU of every node (hpc_job=\"\" while idle)"),
      new Example("DCGM_FI_DEV_GPU_UTIL{hpc_job!=\"\"}", "GPUs busy with a Slurm job, labelled with its id"),
      new Example("dgxmon:job_gpu_utilization_percent:avg", "per-job GPU utilisation (recording rule, docs/prometheus)"));

  private DemoGuide() {}

  /** The job submission line the guide prints (also run by DemoIT, exactly as printed). */
  public static String srunCommand(Path slurmConf) {
    return "SLURM_CONF=" + slurmConf + " srun --gres=gpu:1 sleep 120";
  }

  static String text(URI prometheus, Topology topology, Path slurmConf, Path dir, boolean removedOnExit) {
    StringBuilder t = new StringBuilder();
    t.append("\ndgxmon demo is running. Everything is under ").append(dir)
        .append(removedOnExit ? " (removed on exit)" : "").append("; Ctrl-C stops it all.\n\n");
    t.append("  Prometheus  ").append(prometheus).append("   (targets: ").append(prometheus).append("/targets)\n");
    for (String node : topology.nodes()) {
      List<String> e = topology.exporterEndpoints(node);
      t.append("  Node        ").append(node).append(": ").append(StackFiles.GPUS_PER_NODE).append(" fake GPUs; exporter: dcgm ").append(e.get(0))
          .append(", jobstats GPU ").append(e.get(1)).append(", cgroup ").append(e.get(2)).append('\n');
    }
    t.append("\nTry these queries:\n");
    for (Example e : EXAMPLES) {
      t.append(String.format("  %-42s %s%n", e.expr(), e.meaning()));
      t.append("    ").append(graphLink(prometheus, e.expr())).append('\n');
    }
    t.append("\nSubmit a job and watch its GPU get labelled (a few seconds after it starts):\n");
    t.append("  ").append(srunCommand(slurmConf)).append(" &\n");
    t.append("  then query DCGM_FI_DEV_GPU_UTIL{hpc_job!=\"\"}, nvidia_gpu_duty_cycle{jobid!=\"\"} or "
        + "cgroup_cpu_total_seconds{jobid!=\"\",step=\"\"}\n");
    t.append("  (SLURM_CONF=").append(slurmConf).append(" squeue lists the jobs; scancel ends one.)\n");
    return t.toString();
  }

  static String graphLink(URI prometheus, String expr) {
    return prometheus + "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1";
  }
}
