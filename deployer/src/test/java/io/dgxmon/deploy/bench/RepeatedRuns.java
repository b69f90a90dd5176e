package io.dgxmon.deploy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark run N times, each in a fresh JVM (a deployment in a warm JVM would be faster than any real one), its
 * output passed through; then the median and spread of the ratios it printed, and the command to repeat it.
 */
final class RepeatedRuns {
  static final String FIRST_RATIO = "first deployment / plain copy   ratio";
  static final String RERUN_RATIO = "no-change re-run / plain sha256 ratio";

  private RepeatedRuns() {}

  /** One run's two ratios. */
  record Ratios(double first, double rerun) {}

  static void main(Class<?> bench, int nodes, int payloadMiB, boolean withAnsible, int runs) throws Exception {
    String command = String.format("./setup.sh --bench deployer %s %d %d%s runs=%d", bench.getName(), nodes,
        payloadMiB, withAnsible ? "" : " no-ansible", runs);
    System.out.println("command: " + command);
    List<Ratios> ratios = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      System.out.printf("%n== run %d of %d%n", run, runs);
      ratios.add(runOnce(bench, nodes, payloadMiB, withAnsible && run == runs));
    }
    System.out.printf("%n%s (%s, load average now %s)%n", command, RunFigures.cpus(), RunFigures.loadAverage());
    System.out.printf("first deployment / plain copy over %d runs: median %.2f (%s)%n", runs,
        RunFigures.median(ratios, Ratios::first), RunFigures.spread(ratios, Ratios::first));
    System.out.printf("no-change re-run / sha256 pass over %d runs: median %.2f (%s)%n", runs,
        RunFigures.median(ratios, Ratios::rerun), RunFigures.spread(ratios, Ratios::rerun));
  }

  private static Ratios runOnce(Class<?> bench, int nodes, int payloadMiB, boolean withAnsible) throws Exception {
    List<String> args = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), bench.getName(), Integer.toString(nodes),
        Integer.toString(payloadMiB)));
    if (!withAnsible) {
      args.add("no-ansible");
    }
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    double first = Double.NaN;
    double rerun = Double.NaN;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println(line);
        first = line.startsWith(FIRST_RATIO) ? ratio(line, FIRST_RATIO) : first;
        rerun = line.startsWith(RERUN_RATIO) ? ratio(line, RERUN_RATIO) : rerun;
      }
    }
    if (p.waitFor() != 0 || Double.isNaN(first) || Double.isNaN(rerun)) {
      throw new IOException("benchmark run failed (exit " + p.exitValue() + ")");
    }
    return new Ratios(first, rerun);
  }

  private static double ratio(String line, String label) {
    return Double.parseDouble(line.substring(label.length()).trim().split(" ")[0]);
  }
}
