package io.dgxmon.rolemonitor.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grandchild that escaped the process tree (double fork) and keeps cmsh's stdout open must not leave a drain
 * thread (and its pipe) behind every cycle.
 */
class CmshRunnerTest {
  @TempDir Path dir;

  private Path escapedPid;

  /**
   * A fake cmsh whose grandchild escapes (re-parented) holding stdout and stderr, then {@code rest} runs (it must
   * outlast the drain thread's start, so the thread is in a read when cmsh exits).
   */
  private Path fakeCmsh(String rest) throws Exception {
    escapedPid = dir.resolve("escaped.pid");
    Path script = dir.resolve("cmsh");
    Files.writeString(script, "#!/bin/sh\n(sleep 120 & echo $! > " + escapedPid + ")\necho answer\n" + rest + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @AfterEach
  void killTheEscapedSleep() throws Exception {
    if (escapedPid != null && Files.exists(escapedPid)) {
      ProcessHandle.of(Long.parseLong(Files.readString(escapedPid).strip())).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static long drainThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("cmsh-output")).count();
  }

  private static void assertDrainThreadsEnd(long before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (drainThreads() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(before, drainThreads(), "cmsh-output threads left behind by an escaped grandchild");
  }

  @Test
  void anEscapedGrandchildHoldingStdoutLeavesNoDrainThreadWhenCmshExits() throws Exception {
    long before = drainThreads();
    CmshRunner.Run run = new CmshRunner(Duration.ofSeconds(20), 1 << 20).run(List.of(fakeCmsh("sleep 0.5").toString()));
    assertEquals(0, run.exitCode());
    assertFalse(run.timedOut());
    assertEquals("answer\n", run.stdout(), "all cmsh printed before it exited is kept");
    assertTrue(run.duration().compareTo(Duration.ofSeconds(4)) < 0, "not held up by the open pipe: " + run.duration());
    assertDrainThreadsEnd(before);
  }

  @Test
  void anEscapedGrandchildHoldingStdoutLeavesNoDrainThreadOnTimeout() throws Exception {
    long before = drainThreads();
    CmshRunner.Run run = new CmshRunner(Duration.ofSeconds(1), 1 << 20).run(List.of(fakeCmsh("exec sleep 60").toString()));
    assertTrue(run.timedOut());
    assertDrainThreadsEnd(before);
  }
}
