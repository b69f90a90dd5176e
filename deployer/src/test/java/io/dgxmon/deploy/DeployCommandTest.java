package io.dgxmon.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.common.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and the version line, the same as the exporter's and the role monitor's. */
class DeployCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return DeployCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void aBadConfigIsAUsageErrorListingEveryProblem() throws IOException {
    Path config = dir.resolve("cfg.json");
    Files.writeString(config, "{\"nodes\": [\"dgx-01\"], \"ssh\": {\"port\": 0}, \"clustr\": \"c\"}");
    assertEquals(ExitCodes.USAGE,
        run("--config", config.toString(), "--dry-run", "--output", dir.resolve("o").toString()));
    assertEquals("dgxmon-deploy: " + config + ": 3 problem(s):\n"
        + "  ssh.port: 0 is not an integer in [1, 65535]\n"
        + "  headNode: is required for the role monitor, the Prometheus sample, software images and grabImage\n"
        + "  clustr: unknown key (did you mean \"cluster\"?)\n", err.toString());
  }

  @Test
  void usageErrorsAreTwo() {
    assertEquals(ExitCodes.USAGE, run("--dry-run"));
    assertEquals(ExitCodes.USAGE, run("--no-such-option"));
  }

  @Test
  void everySubcommandShowsTheProgramsVersion() {
    assertEquals(ExitCodes.OK, run("--version"));
    assertEquals(ExitCodes.OK, run("verify", "--version"));
    assertEquals("dgxmon-deploy dev\ndgxmon-deploy dev\n", out.toString());
  }
}
