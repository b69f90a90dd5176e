package io.dgxmon.rolemonitor.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.CmshQuery;
import io.dgxmon.rolemonitor.cmsh.CmshRunner;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.rolemonitor.targets.TargetsPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code dgxmon-role-monitor --check [--save-capture DIR]}: runs one cycle's cmsh query on the live head
 * node and prints {@link CheckReport}; the targets directory is only read (a missing one is not created).
 * With a capture directory it also stores the raw answer ({@code answer.txt}), the report
 * ({@code summary.txt}) and what the monitor made of it ({@code expected.json}), which the parser tests
 * replay when the directory is dropped into {@code src/test/resources/captures/}.
 */
public final class SelfCheck {
  private final MonitorConfig config;
  private final PrintWriter out;
  private final PrintWriter err;

  public SelfCheck(MonitorConfig config, PrintWriter out, PrintWriter err) {
    this.config = config;
    this.out = out;
    this.err = err;
  }

  /** 0 when the cycle would succeed, 1 otherwise (or when the capture cannot be saved). */
  public int run(Path captureDir) throws InterruptedException {
    CmshRunner.Run run;
    try {
      run = new CmshRunner(Duration.ofSeconds(config.cmshTimeoutSeconds()))
          .run(CmshQuery.commandLine(config.cmsh(), config.nodeTypes()));
    } catch (IOException e) {
      err.println("dgxmon-role-monitor --check: cannot run cmsh " + config.cmsh() + ": " + e.getMessage());
      return 1;
    }
    Path dir = config.targetsDir();
    boolean dirExists = Files.isDirectory(dir);
    Map<String, String> managed = Map.of();
    Set<String> pending = Set.of();
    String failure = run.failure(config.cmshTimeoutSeconds());
    TargetsPlan plan = null;
    try {
      if (dirExists) {
        FileSdWriter reader = new FileSdWriter(dir);
        managed = reader.managedFiles();
        pending = reader.pendingRemovals();
      }
      plan = failure == null ? TargetsPlan.from(run.stdout(), config, managed) : null;
    } catch (CmshParseException e) {
      failure = "cmsh answer not usable: " + e.getMessage();
    } catch (IOException e) {
      failure = "cannot read the targets directory " + dir + ": " + e.getMessage();
    }
    String report = new CheckReport(config, run, plan, failure, dirExists, managed.size(), pending).text();
    out.print(report);
    out.flush();
    if (captureDir != null && !save(captureDir, run, report, plan)) {
      return 1;
    }
    return plan == null ? 1 : 0;
  }

  private boolean save(Path captureDir, CmshRunner.Run run, String report, TargetsPlan plan) {
    try {
      Files.createDirectories(captureDir);
      Files.writeString(captureDir.resolve("answer.txt"), run.stdout());
      Files.writeString(captureDir.resolve("summary.txt"), report);
      if (plan != null) {
        CaptureExpectation expected = CaptureExpectation.of(plan.snapshot(), plan.nodes(), config.roles(),
            config.nodeTypes());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(captureDir.resolve("expected.json").toFile(),
            expected);
      }
      out.println("capture saved in " + captureDir + " (answer.txt, summary.txt"
          + (plan == null ? ")" : ", expected.json)"));
      return true;
    } catch (IOException e) {
      err.println("dgxmon-role-monitor --check: cannot save the capture in " + captureDir + ": " + e.getMessage());
      return false;
    }
  }
}
