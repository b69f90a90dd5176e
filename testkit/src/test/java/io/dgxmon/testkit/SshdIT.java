package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void eachAddressIsItsOwnNode() {
    try (Sshd sshd = Sshd.start(tmp, Map.of("127.0.1.2", "alpha", "127.0.1.3", "beta"))) {
      assertEquals("alpha", sshd.ssh("127.0.1.2", "echo $FAKE_HOST").assertSuccess("ssh").stdout().trim());
      assertEquals("beta", sshd.ssh("127.0.1.3", "echo $FAKE_HOST").assertSuccess("ssh").stdout().trim());
      assertEquals(tmp.resolve("home").toString(), sshd.ssh("127.0.1.2", "echo $HOME").stdout().trim());
    }
  }

  @Test
  void knownHostsLineSatisfiesStrictChecking() throws IOException {
    try (Sshd sshd = Sshd.start(tmp, List.of("127.0.1.4"))) {
      Path known = Files.writeString(tmp.resolve("known_one"), sshd.knownHostsLine("127.0.1.4") + "\n");
      assertTrue(known.toFile().length() > 0);
      assertEquals("ssh-ed25519", sshd.hostPublicKey().split(" ")[0]);
      assertEquals("ok", ssh(sshd, known, "127.0.1.4", "echo ok").assertSuccess("strict ssh").stdout().trim());

      Path empty = Files.writeString(tmp.resolve("known_empty"), "");
      ProcessResult unknown = ssh(sshd, empty, "127.0.1.4", "echo ok");
      assertNotEquals(0, unknown.exitCode());
      assertTrue(unknown.stderr().contains("Host key verification failed"), unknown.stderr());
    }
  }

  @Test
  void changedHostKeyIsRejected() {
    try (Sshd sshd = Sshd.start(tmp, List.of("127.0.1.5"))) {
      String before = sshd.hostPublicKey();
      int port = sshd.port();
      sshd.restartWithNewHostKey();
      assertNotEquals(before, sshd.hostPublicKey());
      assertEquals(port, sshd.port());

      ProcessResult changed = sshd.ssh("127.0.1.5", "true");
      assertNotEquals(0, changed.exitCode());
      assertTrue(changed.stderr().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), changed.stderr());

      Path fresh = sshd.writeKnownHosts(tmp.resolve("known_fresh"));
      assertEquals(0, ssh(sshd, fresh, "127.0.1.5", "true").exitCode());
    }
  }

  @Test
  void sftpUploads() throws IOException {
    Path sftp = RequiredTool.require("sftp", "openssh-client");
    try (Sshd sshd = Sshd.start(tmp, List.of("127.0.1.6"))) {
      Path local = Files.writeString(tmp.resolve("payload.txt"), "hello over sftp\n");
      Path remote = tmp.resolve("uploaded.txt");
      Path batch = Files.writeString(tmp.resolve("batch"), "put " + local + " " + remote + "\n");
      List<String> command = new ArrayList<>(List.of(sftp.toString(), "-b", batch.toString()));
      command.addAll(sshd.clientOptions(sshd.writeKnownHosts(tmp.resolve("known"))));
      command.add("127.0.1.6");
      Processes.run(TIMEOUT, Map.of(), command).assertSuccess("sftp -b");
      assertEquals("hello over sftp\n", Files.readString(remote));
    }
  }

  @Test
  void moreThanSixteenAddressesShareOneWildcardListener() {
    Map<String, String> nodes = new LinkedHashMap<>();
    for (int i = 1; i <= 17; i++) {
      nodes.put("127.0.1." + (100 + i), "n" + i);
    }
    try (Sshd sshd = Sshd.start(tmp, nodes)) {
      assertEquals("n17", sshd.ssh("127.0.1.117", "echo $FAKE_HOST").assertSuccess("ssh").stdout().trim());
      assertEquals("n1", sshd.ssh("127.0.1.101", "echo $FAKE_HOST").assertSuccess("ssh").stdout().trim());
    }
  }

  @Test
  void closeStopsTheListener() {
    Sshd sshd = Sshd.start(tmp, List.of("127.0.1.7"));
    int port = sshd.port();
    sshd.close();
    sshd.close();
    assertFalse(accepts("127.0.1.7", port), "sshd still listening after close");
  }

  private static ProcessResult ssh(Sshd sshd, Path knownHosts, String address, String command) {
    List<String> args = new ArrayList<>(List.of("ssh"));
    args.addAll(sshd.clientOptions(knownHosts));
    args.add(address);
    args.add(command);
    return Processes.run(TIMEOUT, Map.of(), args);
  }

  private static boolean accepts(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
