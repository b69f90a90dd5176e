package io.dgxmon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dgxmon.e2e.stack.PrometheusApi;
import io.dgxmon.e2e.stack.RepositoryRoot;
import io.dgxmon.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./setup.sh --demo} exactly as QUICK_START.md tells a user to run it: it gets ready, prints the Prometheus
 * URL and a job command, that command (run as printed) gets a GPU labelled with its job, and when the demo stops
 * (--duration) no process of it is left and Prometheus is gone.
 */
class DemoIT {
  private static final Duration READY_WITHIN = Duration.ofMinutes(5);
  private static final java.io.File DEV_NULL = new java.io.File("/dev/null");
  private static final Duration LABELLED_WITHIN = Duration.ofSeconds(60);
  private static final String READY = "dgxmon demo is running";

  @TempDir Path tmp;

  @Test
  void theDemoLabelsThePrintedJobsGpuAndStopsEverything() throws Exception {
    Path work = tmp.resolve("demo");
    Path log = tmp.resolve("demo.log");
    Process demo = new ProcessBuilder(RepositoryRoot.get().resolve("setup.sh").toString(), "--demo",
        "--duration", "90", "--work-dir", work.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    URI prometheus;
    try {
      String banner = awaitLine(log, demo, READY);
      prometheus = URI.create(lineWith(log, "  Prometheus  ").strip().split("\\s+")[1]);
      String srun = lineWith(log, " srun --gres=gpu:1 ").strip().replaceAll("\\s*&$", "");
      assertTrue(banner.contains(READY));
      runUntilLabelled(srun, new PrometheusApi(prometheus), tmp.resolve("srun.log"), work);
      assertTrue(demo.waitFor(3, TimeUnit.MINUTES), "the demo did not stop after --duration:\n" + read(log));
    } finally {
      stop(demo.toHandle());
    }
    String output = read(log);
    assertEquals(0, demo.exitValue(), output);
    assertTrue(output.contains("==> stopped"), output);
    assertEquals(List.of(), processesMentioning(work), "processes of the demo still running");
    PrometheusApi gone = new PrometheusApi(prometheus);
    assertThrows(IllegalStateException.class, () -> gone.query("up"), "Prometheus still answers");
  }

  /**
   * Runs the printed job command; its one GPU must show up labelled with a job in the demo's Prometheus. When it
   * does not, the failure shows the job's output and every error line of the demo's Slurm logs (slurmstepd logs
   * into slurmd's file): a step launch that failed says why there, and srun alone only says "Unspecified error".
   */
  private static void runUntilLabelled(String srun, PrometheusApi prometheus, Path jobLog, Path work)
      throws Exception {
    // As a user types it in a shell: not with the test JVM's environment (Maven's and surefire's variables).
    Process job = new ProcessBuilder("env", "-i", "PATH=" + System.getenv("PATH"), "HOME=/root", "LANG=C.UTF-8",
        "bash", "-c", srun).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
        .redirectOutput(jobLog.toFile()).start();
    try {
      Await.until("one GPU labelled with the job", LABELLED_WITHIN, Duration.ofMillis(500), () -> {
        if (!job.isAlive()) {
          throw new AssertionError("the job ended (exit " + job.exitValue() + ")");
        }
        return prometheus.query("DCGM_FI_DEV_GPU_UTIL{hpc_job!=\"\"}").size();
      }, labelled -> labelled == 1);
    } catch (AssertionError e) {
      fail(e.getMessage() + "\nafter: " + srun + "\nits output:\n" + read(jobLog)
          + "\nerrors in the demo's Slurm logs:\n" + slurmErrors(work));
    } finally {
      stop(job.toHandle());
    }
  }

  /** The error and fatal lines of every Slurm log under the demo's work dir, each with its file. */
  private static String slurmErrors(Path work) throws IOException {
    StringBuilder errors = new StringBuilder();
    try (var files = Files.walk(work)) {
      for (Path log : files.filter(f -> f.getFileName().toString().matches("slurm(ctld|d-.*)\\.log")).sorted()
          .toList()) {
        read(log).lines().filter(l -> l.contains("error:") || l.contains("fatal:"))
            .forEach(l -> errors.append(log.getFileName()).append(": ").append(l).append('\n'));
      }
    }
    return errors.toString();
  }

  private static String awaitLine(Path log, Process demo, String text) {
    return Await.until("the demo to print '" + text + "'", READY_WITHIN, Duration.ofMillis(250), () -> {
      Optional<String> line = read(log).lines().filter(l -> l.contains(text)).findFirst();
      if (line.isEmpty() && !demo.isAlive()) {
        throw new AssertionError("the demo exited " + demo.exitValue() + " before it was ready:\n" + read(log));
      }
      return line;
    }, Optional::isPresent).get();
  }

  private static String lineWith(Path log, String text) throws IOException {
    String output = read(log);
    return output.lines().filter(l -> l.contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + text + "' in:\n" + output));
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** PIDs whose command line names {@code dir} (every daemon of the demo has its config or data there). */
  private static List<Long> processesMentioning(Path dir) throws IOException {
    byte[] needle = dir.toString().getBytes(StandardCharsets.UTF_8);
    List<Long> pids = new ArrayList<>();
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      try {
        byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
        if (indexOf(cmdline, needle) >= 0 && p.isAlive()) {
          pids.add(p.pid());
        }
      } catch (IOException e) {
        // Exited meanwhile.
      }
    }
    return pids;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** SIGTERM (the demo's shutdown hook stops its stack), then SIGKILL for whatever is left of the tree. */
  private static void stop(ProcessHandle process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      process.onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
