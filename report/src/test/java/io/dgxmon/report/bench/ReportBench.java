package io.dgxmon.report.bench;

import io.dgxmon.report.HourOfJob;
import io.dgxmon.report.ReportCommand;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Prometheus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * How long {@code dgxmon-report job} takes for a job of one hour: a real Prometheus holding the hour
 * ({@link HourOfJob}, 30 s scrapes) with docs/prometheus/rules.yml backfilled over it. Prints the median and range of
 * the queries run in this JVM (warm) and of the whole command in a fresh JVM (what a user waits for), after the
 * report itself.
 * Usage: {@code ./setup.sh --bench report io.dgxmon.report.bench.ReportBench [RUNS]}.
 */
public final class ReportBench {
  private ReportBench() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path dir = Files.createTempDirectory("dgxmon-report-bench");
    long backfillStart = System.nanoTime();
    try (Prometheus prometheus = HourOfJob.backfilled(dir)) {
      System.out.printf(Locale.ROOT, "backfilled an hour of job %s and the rules in %.1f s%n", HourOfJob.JOB,
          (System.nanoTime() - backfillStart) / 1e9);
      String[] command = {"job", HourOfJob.JOB, "--json", "--prometheus", prometheus.url().toString()};
      System.out.print(inProcess(new String[] {"job", HourOfJob.JOB, "--prometheus", prometheus.url().toString()}));
      double[] warm = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        inProcess(command);
        warm[i] = (System.nanoTime() - start) / 1e6;
      }
      print("in process (warm JVM)", warm);
      double[] fresh = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        freshJvm(command).assertSuccess("dgxmon-report in a fresh JVM");
        fresh[i] = (System.nanoTime() - start) / 1e6;
      }
      print("whole command (fresh JVM)", fresh);
    }
  }

  /** Runs the command in this JVM and returns what it printed. */
  private static String inProcess(String[] command) {
    StringWriter out = new StringWriter();
    int code = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
        .execute(command);
    if (code != 0) {
      throw new IllegalStateException("dgxmon-report exited " + code + ": " + out);
    }
    return out.toString();
  }

  private static ProcessResult freshJvm(String[] command) {
    List<String> argv = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        ReportCommand.class.getName()));
    argv.addAll(List.of(command));
    return Processes.run(Duration.ofMinutes(1), Map.of(), argv);
  }

  private static void print(String what, double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-26s runs %d  median %.0f ms  min %.0f ms  max %.0f ms%n", what, sorted.length,
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }
}
