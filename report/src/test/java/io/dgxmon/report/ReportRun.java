package io.dgxmon.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of dgxmon-report against a Prometheus: its exit code and what it printed. */
record ReportRun(int code, String out, String err) {
  static ReportRun against(URI prometheus, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--prometheus", prometheus.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
    return new ReportRun(code, out.toString(), err.toString());
  }
}
