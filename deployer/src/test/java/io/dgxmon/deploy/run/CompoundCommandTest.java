package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compound commands run by a real /bin/sh: which parts finished, why the next failed, and markers nobody can forge. */
class CompoundCommandTest {
  @TempDir Path tmp;

  @Test
  void everyPartRunsInOrderAndEachOutputIsItsOwn() throws Exception {
    CompoundCommand c = CompoundCommand.of(List.of("echo one", "", "printf 'no newline'", "echo four; echo last"));
    CompoundCommand.Result r = c.read(sh(c.script()));
    assertEquals(4, r.done());
    assertNull(r.failure());
    assertEquals("one", r.stdoutOf(0).strip());
    assertEquals("", r.stdoutOf(1).strip());
    assertEquals("no newline", r.stdoutOf(2).strip());
    assertEquals("four\nlast", r.stdoutOf(3).strip());
  }

  @Test
  void aFailingPartStopsTheScriptAndIsNamedWithItsOwnReason() throws Exception {
    Path later = tmp.resolve("later");
    CompoundCommand c = CompoundCommand.of(List.of("echo 'warning: harmless' >&2; true", "echo first; true",
        "echo 'cannot do it' >&2; exit 3", "touch " + RemoteCommands.q(later.toString())));
    CompoundCommand.Result r = c.read(sh(c.script()));
    assertEquals(2, r.done());
    assertEquals("remote command failed (exit 3): cannot do it", r.failure());
    assertFalse(Files.exists(later), "nothing after the failed part runs");
  }

  @Test
  void outputThatLooksLikeMarkersCountsForNothing() throws Exception {
    // A hostile part (or a file's content echoed) prints markers: another command's nonce, its own script's text
    // read back from /proc is not available to it here, and a guessed nonce; then it fails.
    CompoundCommand earlier = CompoundCommand.of(List.of("true", "true", "true"));
    Path file = tmp.resolve("content");
    Files.writeString(file, earlier.script() + "\n" + String.join("\n", markers(earlier)) + "\n"
        + "00000000000000000000000000000000 0\n00000000000000000000000000000000 1\n");
    CompoundCommand c = CompoundCommand.of(List.of("cat " + RemoteCommands.q(file.toString())
        + "; cat " + RemoteCommands.q(file.toString()) + " >&2; exit 1", "true", "true"));
    CompoundCommand.Result r = c.read(sh(c.script()));
    assertEquals(0, r.done());
    assertTrue(r.failure().startsWith("remote command failed (exit 1): "), r.failure());
  }

  @Test
  void eachCommandDrawsItsOwnNonce() {
    List<String> parts = List.of("true");
    assertNotEquals(CompoundCommand.of(parts).script(), CompoundCommand.of(parts).script());
  }

  @Test
  void noMarkersAndAFailureBlamesTheFirstPart() {
    CompoundCommand c = CompoundCommand.of(List.of("a", "b"));
    CompoundCommand.Result r = c.read(new ExecResult(1, "", "sudo: a password is required\n"));
    assertEquals(0, r.done());
    assertEquals("remote command failed (exit 1): sudo: a password is required", r.failure());
  }

  /** The marker lines {@code c}'s script prints (read back by running a script that prints only them). */
  private static List<String> markers(CompoundCommand c) throws Exception {
    return sh(c.script()).stdout().lines().filter(l -> !l.isBlank()).toList();
  }

  static ExecResult sh(String script) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sh did not finish");
    }
    return new ExecResult(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
