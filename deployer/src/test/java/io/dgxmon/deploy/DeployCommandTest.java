package io.dgxmon.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as picocli parses it: option rules, exit codes, and options reaching the subcommands. */
class DeployCommandTest {
  @TempDir Path tmp;

  /** What one invocation printed (stdout and stderr together) and its exit code. */
  private record Outcome(int code, String output) {}

  private Outcome run(String... args) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text, true);
    int code = DeployCommand.commandLine().setOut(w).setErr(w).execute(args);
    return new Outcome(code, text.toString());
  }

  /** A valid config whose SSH key does not exist, so every command that connects fails before any host. */
  private String config() throws Exception {
    Path file = tmp.resolve("cluster.json");
    Files.writeString(file, """
        {"components": {"roleMonitor": false}, "nodes": ["n1"],
         "ssh": {"identityFile": "%s/no-such-key", "knownHostsFile": "%s/known_hosts"}}
        """.formatted(tmp, tmp));
    return file.toString();
  }

  @Test
  void verboseReachesVerifyAndUninstall() throws Exception {
    for (String command : new String[] {"verify", "uninstall"}) {
      Outcome quiet = run(command, "--config", config(), "--source", tmp.toString());
      assertEquals(1, quiet.code(), quiet.output());
      assertTrue(quiet.output().startsWith("dgxmon-deploy: identity file " + tmp + "/no-such-key is missing"),
          quiet.output());
      assertFalse(quiet.output().contains("\tat "), quiet.output());

      Outcome verbose = run(command, "--config", config(), "--verbose", "--source", tmp.toString());
      assertEquals(1, verbose.code(), verbose.output());
      assertTrue(verbose.output().contains("\tat io.dgxmon.deploy.cli.Deployment"), command + ":\n" + verbose.output());
    }
  }

  @Test
  void uninstallRefusesAStateDirectoryOthersCanWriteBeforeLoadingKeys() throws Exception {
    Path state = Files.createDirectory(tmp.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
    Outcome o = run("uninstall", "--config", config(), "--source", tmp.toString(), "--state", state.toString());
    assertEquals(1, o.code(), o.output());
    assertTrue(o.output().startsWith("dgxmon-deploy: state directory " + state + " has mode 0777 (group or others "
        + "have access); refusing to use it (chmod 700 " + state + ")"), o.output());
  }

  @Test
  void verboseBeforeTheCommandNameCountsToo() throws Exception {
    Outcome o = run("--verbose", "verify", "--config", config(), "--source", tmp.toString());
    assertTrue(o.output().contains("\tat io.dgxmon.deploy.cli.Deployment"), o.output());
  }

  @Test
  void configIsRequiredEverywhere() {
    for (String[] args : new String[][] {{}, {"--resume"}, {"verify"}, {"uninstall", "--verbose"}}) {
      Outcome o = run(args);
      assertEquals(2, o.code(), o.output());
      assertTrue(o.output().contains("Missing required option: '--config=FILE'"), o.output());
    }
  }

  @Test
  void dryRunNeedsOutputAndExcludesResume() throws Exception {
    Outcome noOutput = run("--config", config(), "--dry-run");
    assertEquals(2, noOutput.code(), noOutput.output());
    assertTrue(noOutput.output().contains("Missing required argument(s): --output=DIR"), noOutput.output());

    Outcome outputAlone = run("--config", config(), "--output", tmp.resolve("out").toString());
    assertEquals(2, outputAlone.code(), outputAlone.output());
    assertTrue(outputAlone.output().contains("Missing required argument(s): --dry-run"), outputAlone.output());

    Outcome both = run("--config", config(), "--dry-run", "--output", tmp.resolve("out").toString(), "--resume");
    assertEquals(2, both.code(), both.output());
    assertTrue(both.output().contains("expected only one match"), both.output());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void dryRunAsSetupShCallsIt() throws Exception {
    Path out = tmp.resolve("plan");
    Outcome o = run("--config", config(), "--dry-run", "--output", out.toString(), "--source", tmp.toString());
    assertEquals(0, o.code(), o.output());
    assertTrue(Files.readString(out.resolve("plan.txt")).contains("== n1 (node, root@n1:22, root /, x86_64)"));
  }

  @Test
  void helpListsTheExitCodes() {
    for (String[] args : new String[][] {{"--help"}, {"verify", "--help"}, {"uninstall", "--help"}}) {
      Outcome o = run(args);
      assertEquals(0, o.code(), o.output());
      assertTrue(o.output().contains("Exit codes:\n  0   every target succeeded\n"), o.output());
      assertTrue(o.output().contains("  2   bad command line or config\n"), o.output());
    }
  }

  @Test
  void aBadConfigIsAUsageErrorListingEveryProblem() throws Exception {
    Path config = tmp.resolve("cfg.json");
    Files.writeString(config, "{\"nodes\": [\"dgx-01\"], \"ssh\": {\"port\": 0}, \"clustr\": \"c\"}");
    Outcome bad = run("--config", config.toString(), "--dry-run", "--output", tmp.resolve("o").toString());
    assertEquals(ExitCodes.USAGE, bad.code());
    assertEquals("dgxmon-deploy: " + config + ": 3 problem(s):\n"
        + "  ssh.port: 0 is not an integer in [1, 65535]\n"
        + "  headNode: is required for the role monitor, the Prometheus sample, software images and grabImage\n"
        + "  clustr: unknown key (did you mean \"cluster\"?)\n", bad.output());
  }

  @Test
  void everySubcommandShowsTheProgramsVersion() {
    assertEquals(new Outcome(ExitCodes.OK, "dgxmon-deploy dev\n"), run("--version"));
    assertEquals(new Outcome(ExitCodes.OK, "dgxmon-deploy dev\n"), run("verify", "--version"));
  }
}
