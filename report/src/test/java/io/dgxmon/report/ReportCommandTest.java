package io.dgxmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.testkit.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and the one-line errors; what needs a Prometheus with data is in ReportBackfillIT and WholeLoopIT. */
class ReportCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aBadJobIdIsUsageWithOneLine() {
    Run run = run("job", "12;drop");
    assertEquals(ExitCodes.USAGE, run.code);
    assertEquals("dgxmon-report: job id: expected digits or a SLUID (s + 13 of 0-9A-Z), got '12;drop'\n", run.err);
  }

  @Test
  void noSubcommandIsUsage() {
    assertEquals(ExitCodes.USAGE, run().code);
  }

  @Test
  void aPasswordFileWithoutAUserAndAUserWithoutPasswordAreUsage() throws Exception {
    Path secret = Files.writeString(dir.resolve("pw"), "s3cret-value\n");
    Run noUser = run("job", "1", "--basic-auth-password-file", secret.toString());
    assertEquals(ExitCodes.USAGE, noUser.code);
    assertEquals("dgxmon-report: --basic-auth-password-file needs --basic-auth-user\n", noUser.err);
    Run dirAsFile = run("job", "1", "--basic-auth-user", "u", "--basic-auth-password-file", dir.toString());
    assertEquals(ExitCodes.USAGE, dirAsFile.code);
    assertTrue(dirAsFile.err.contains("not a regular file"), dirAsFile.err);
  }

  @Test
  void thePasswordIsNeverAnOption() {
    Run run = run("job", "1", "--password", "x");
    assertEquals(ExitCodes.USAGE, run.code);
  }

  @Test
  void anUnreachablePrometheusIsARuntimeFailureThatNeverShowsThePassword() throws Exception {
    Path secret = Files.writeString(dir.resolve("pw"), "s3cret-value\n");
    Run run = run("job", "1", "--prometheus", "http://127.0.0.1:" + FreePorts.find(), "--basic-auth-user", "ops",
        "--basic-auth-password-file", secret.toString(), "--timeout", "2");
    assertEquals(ExitCodes.RUNTIME_FAILURE, run.code);
    assertTrue(run.err.startsWith("dgxmon-report: cannot reach Prometheus at http://127.0.0.1:"), run.err);
    assertFalse(run.err.contains("s3cret"), run.err);
  }

  @Test
  void aCaFileNeedsHttpsAndOnlyHttpUrlsAreAccepted() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    assertEquals(ExitCodes.USAGE, run("job", "1", "--ca-file", ca.toString()).code);
    Run ftp = run("job", "1", "--prometheus", "ftp://prometheus:21");
    assertEquals("dgxmon-report: --prometheus: expected an http:// or https:// URL with a host, got ftp://prometheus:21\n",
        ftp.err);
    Run badCa = run("job", "1", "--prometheus", "https://prometheus:9090", "--ca-file", ca.toString());
    assertEquals(ExitCodes.USAGE, badCa.code);
    assertTrue(badCa.err.startsWith("dgxmon-report: --ca-file " + ca + ": "), badCa.err);
  }
}
