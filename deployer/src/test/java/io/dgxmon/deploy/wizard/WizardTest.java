package io.dgxmon.deploy.wizard;

import static com.github.stefanbirkner.systemlambda.SystemLambda.withTextFromSystemIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.DeployCommand;
import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.testkit.Processes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WizardTest {
  @TempDir Path tmp;

  private record Result(int code, String output) {}

  private Result wizard(String... lines) throws Exception {
    StringWriter text = new StringWriter();
    int[] code = new int[1];
    withTextFromSystemIn(lines).execute(() -> {
      PrintWriter w = new PrintWriter(text, true);
      code[0] = DeployCommand.commandLine().setOut(w).setErr(w)
          .execute("wizard", "--source", tmp.resolve("src").toString(), "--state", tmp.resolve("state").toString());
    });
    return new Result(code[0], text.toString());
  }

  @Test
  void defaultsAndARetriedAnswerGiveAValidConfigAndADryRun() throws Exception {
    Path config = tmp.resolve("cfg/config.json");
    Path out = tmp.resolve("dry");
    Result r = wizard(
        "",                  // cluster: slurm
        "bcm-head",          // head node
        "",                  // ssh user root
        "99999",             // bad port, re-asked
        "2222",
        "", "",              // key, known_hosts
        "16",                // concurrency
        "", "", "", "y",     // exporter, slurm, role monitor, prometheus sample
        "",                  // no software image
        "dgx-[05-01]",       // bad range, re-asked
        "dgx-[01-03],gpu7",
        "warn",
        config.toString(),
        "dry-run",
        out.toString());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("99999 is not an integer in [1, 65535]"), r.output());
    assertTrue(r.output().contains("range \"05-01\""), r.output());
    DeployConfig c = ConfigReader.read(config);
    assertEquals("bcm-head", c.headNode().host());
    assertEquals(2222, c.ssh().port());
    assertEquals(16, c.ssh().concurrency());
    assertTrue(c.components().prometheusSample());
    assertEquals(4, c.nodes().stream().mapToInt(g -> g.hosts().size()).sum());
    assertTrue(Files.isRegularFile(out.resolve("plan.txt")));
    assertTrue(Files.isRegularFile(out.resolve("dgx-03/etc/dgxmon/exporter.json")));
    assertTrue(Files.isRegularFile(out.resolve("bcm-head/etc/dgxmon/role-monitor.json")));
  }

  @Test
  void fullModeAsksForConfirmationAndTouchesNothingWhenDeclined() throws Exception {
    Path config = tmp.resolve("config.json");
    Result r = wizard("", "-", "", "", "", "", "", "", "", "dgx-01", "", config.toString(), "full", "n");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("Proceed and change these hosts now?"), r.output());
    assertTrue(r.output().contains("Nothing was changed. Run it later with: ./setup.sh --config " + config),
        r.output());
    assertFalse(Files.exists(tmp.resolve("state")));
    DeployConfig answeredWithDefaults = ConfigReader.read(config);
    DeployConfig fileWithoutTheKeys = ConfigReader.parse("t",
        "{\"nodes\": [\"dgx-01\"], \"components\": {\"roleMonitor\": false}}");
    assertEquals(fileWithoutTheKeys.ssh(), answeredWithDefaults.ssh(), "the wizard offers the reader's defaults");
    assertEquals(fileWithoutTheKeys.preflight(), answeredWithDefaults.preflight());
    assertEquals(fileWithoutTheKeys.cluster(), answeredWithDefaults.cluster());
  }

  @Test
  void endOfInputAbortsWithAClearMessage() throws Exception {
    Result r = wizard("slurm");
    assertEquals(1, r.code(), r.output());
    assertTrue(r.output().contains("input ended before the wizard finished"), r.output());
  }

  @Test
  void aProtectedKeysPassphraseIsAskedForAFullRunUntilRightAndNeverPrintedOrWritten() throws Exception {
    Path key = tmp.resolve("id_protected");
    Processes.run(Duration.ofSeconds(20), "ssh-keygen", "-q", "-t", "ed25519", "-N", "correct horse", "-f",
        key.toString()).assertSuccess("ssh-keygen");
    Path config = tmp.resolve("config.json");
    Result r = wizard("", "-", "", "", key.toString(), "", "", "", "", "dgx-01", "", config.toString(), "full",
        "wrong", "correct horse", "n");
    assertEquals(0, r.code(), r.output());
    String asked = "Passphrase of " + key + " (used for this run only, never stored): ";
    assertEquals(2, r.output().split(java.util.regex.Pattern.quote(asked), -1).length - 1, r.output());
    assertTrue(r.output().contains("  wrong passphrase for " + key), r.output());
    assertFalse(r.output().contains("correct horse"), r.output());
    assertFalse(Files.readString(config).contains("correct horse"));
    assertEquals(key.toString(), ConfigReader.read(config).ssh().identityFile());
  }
}
