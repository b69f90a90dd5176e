package io.dgxmon.exporter.energy;

import io.dgxmon.exporter.config.DcmiToolKind;
import io.dgxmon.exporter.config.EnergyConfig.DcmiTool;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;

/**
 * Reads the node's power from the BMC once with the configured tool: checks the program, runs it through
 * {@link ToolRunner} with its fixed argv under the timeout, parses the output with {@link DcmiFormat}.
 */
public final class DcmiReader implements AutoCloseable {
  private final DcmiTool tool;
  private final Duration timeout;
  private final ToolRunner runner = new ToolRunner();

  public DcmiReader(DcmiTool tool, Duration timeout) {
    this.tool = tool;
    this.timeout = timeout;
  }

  public DcmiTool tool() {
    return tool;
  }

  /** The fixed command line; the path comes from the config, nothing else. */
  static List<String> argv(DcmiTool tool) {
    String program = tool.program().toString();
    return tool.kind() == DcmiToolKind.IPMITOOL ? List.of(program, "dcmi", "power", "reading")
        : List.of(program, "--get-system-power-statistics");
  }

  /** One reading, or why not; never throws for a BMC or tool problem. */
  public DcmiAnswer read() throws InterruptedException {
    String refused = programProblem(tool.program());
    if (refused != null) {
      return DcmiAnswer.failed(refused);
    }
    ToolRunner.Run run;
    try {
      run = runner.run(argv(tool), timeout);
    } catch (InterruptedIOException e) {
      throw new InterruptedException(e.getMessage());
    } catch (IOException e) {
      return DcmiAnswer.failed("cannot run " + tool.program() + ": " + e.getMessage());
    }
    if (run.timedOut()) {
      return DcmiAnswer.failed(tool.kind().configValue() + " did not answer within " + timeout.toMillis()
          + " ms and was killed (BMC busy or not answering)");
    }
    return DcmiFormat.of(tool.kind()).parse(run.output(), run.exitCode());
  }

  /**
   * Why {@code program} is not run, or null: it must be a regular executable file, not writable by group or others
   * (the exporter would run whatever a writer put there).
   */
  static String programProblem(Path program) {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(program, PosixFileAttributes.class);
    } catch (IOException e) {
      return program + " does not exist (install the tool or set ipmi.tool-path)";
    }
    if (!attributes.isRegularFile() || !Files.isExecutable(program)) {
      return program + " is not an executable file";
    }
    if (attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
        || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      return program + " is writable by group or others; not run";
    }
    return null;
  }

  @Override
  public void close() {
    runner.close();
  }
}
