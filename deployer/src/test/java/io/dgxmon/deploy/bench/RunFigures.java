package io.dgxmon.deploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** What a repeated benchmark prints about its runs: median and spread of a figure, and the machine's load. */
final class RunFigures {
  private RunFigures() {}

  static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
    double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Every run's figure in order, then the lowest and highest. */
  static <T> String spread(List<T> runs, ToDoubleFunction<T> figure) {
    return runs.stream().mapToDouble(figure).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r))
        .collect(Collectors.joining(", ", "runs: ", ""))
        + String.format(Locale.ROOT, "; spread %.2f-%.2f", runs.stream().mapToDouble(figure).min().orElse(0),
            runs.stream().mapToDouble(figure).max().orElse(0));
  }

  /** The 1, 5 and 15 minute load averages (/proc/loadavg): the figures mean little without them. */
  static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  static String cpus() {
    return Runtime.getRuntime().availableProcessors() + " CPUs";
  }
}
