package io.dgxmon.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import io.dgxmon.deploy.ssh.SshConnector;
import io.dgxmon.testkit.Sshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JSch session against a real sshd: quick commands, a stream the command stops reading, and a timeout. */
class RemoteExecIT {
  private static final String ADDRESS = "127.0.5.30";
  @TempDir Path tmp;

  @Test
  void commandsEndStreamsAndTimeoutsBehave() throws Exception {
    try (Sshd sshd = Sshd.start(Files.createDirectories(tmp.resolve("sshd")), List.of(ADDRESS))) {
      SshConnector ssh = new SshConnector(sshd.clientPrivateKey(), sshd.writeKnownHosts(tmp.resolve("known_hosts")),
          false, Duration.ofSeconds(10));
      try (RemoteHost host = ssh.connect("root", ADDRESS, sshd.port())) {
        // Instant commands used to race JSch's stdin thread (an NPE in Channel.start now and then).
        for (int i = 0; i < 100; i++) {
          assertEquals(i % 3, host.exec("exit " + (i % 3), Duration.ofSeconds(20)).exitCode());
        }
        ExecResult echoed = host.exec("cat", Payload.of("in", "line one\nline two\n".getBytes()), Duration.ofSeconds(20));
        assertEquals("line one\nline two\n", echoed.stdout());

        // The command reads 10 bytes of 8 MiB and exits: its status comes back, nothing hangs.
        Payload big = Payload.of("big", new byte[8 << 20]);
        ExecResult early = host.exec("head -c 10 >/dev/null; echo gave up >&2; exit 3", big, Duration.ofSeconds(30));
        assertEquals(3, early.exitCode());
        assertEquals("gave up", early.reason());

        long start = System.nanoTime();
        IOException timedOut = assertThrows(IOException.class, () -> host.exec("sleep 30", Duration.ofSeconds(1)));
        assertTrue(timedOut.getMessage().contains("timed out after 1 s"), timedOut.getMessage());
        // A stream into a command that never reads is cut off at the deadline too.
        IOException stuck = assertThrows(IOException.class, () -> host.exec("sleep 30", big, Duration.ofSeconds(1)));
        assertTrue(stuck.getMessage().contains("timed out"), stuck.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "timeouts took too long");

        assertEquals("still usable", host.exec("echo still usable", Duration.ofSeconds(20)).stdout().trim());
      }
    }
  }
}
