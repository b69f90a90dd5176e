package io.dgxmon.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.ssh.KeyPassphrase;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.SshConnector;
import io.dgxmon.deploy.ssh.SshCredentials;
import io.dgxmon.testkit.Daemon;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.RequiredTool;
import io.dgxmon.testkit.Sshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real sshd: a host-key type downgrade is a changed key; passphrase-protected keys and ssh-agent work. */
class SshAuthIT {
  private static final String ADDRESS = "127.0.5.40";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  @TempDir Path tmp;

  private Sshd sshd() throws IOException {
    return Sshd.start(Files.createDirectories(tmp.resolve("sshd")), List.of(ADDRESS));
  }

  private static String whoami(SshConnector ssh, Sshd sshd) throws IOException {
    try (RemoteHost host = ssh.connect("root", ADDRESS, sshd.port())) {
      return host.exec("echo in as $(id -un)", TIMEOUT).stdout().trim();
    }
  }

  @Test
  void aHostKnownAsEd25519ThatNowOffersOnlyRsaIsAChangedKeyEvenWhenAcceptingNewKeys() throws Exception {
    try (Sshd sshd = sshd()) {
      Path knownHosts = sshd.writeKnownHosts(tmp.resolve("known_hosts"));
      String known = Files.readString(knownHosts);
      sshd.restartWithNewHostKey("rsa");
      SshConnector ssh = new SshConnector(sshd.clientPrivateKey(), knownHosts, true, TIMEOUT);
      IOException e = assertThrows(IOException.class, () -> whoami(ssh, sshd));
      String host = "[" + ADDRESS + "]:" + sshd.port();
      String m = e.getMessage();
      assertTrue(m.startsWith("HOST KEY CHANGED for " + host + ": it offered ssh-rsa SHA256:"), m);
      assertTrue(m.contains("(a key type it is not known by), but " + knownHosts + " has ssh-ed25519 SHA256:"), m);
      assertTrue(m.contains(" at line 1 (possible man-in-the-middle)"), m);
      assertTrue(m.endsWith("ssh-keygen -R '" + host + "' -f " + knownHosts), m);
      assertEquals(known, Files.readString(knownHosts), "the RSA key must not be recorded");
      assertTrue(ssh.acceptedHostKeys().isEmpty());
    }
  }

  @Test
  void aPassphraseProtectedKeyIsDecryptedOnceWithTheGivenPassphrase() throws Exception {
    try (Sshd sshd = sshd()) {
      Path knownHosts = sshd.writeKnownHosts(tmp.resolve("known_hosts"));
      Path key = tmp.resolve("id_protected");
      Processes.run(TIMEOUT, "ssh-keygen", "-q", "-t", "ed25519", "-N", "correct horse", "-C", "protected", "-f",
          key.toString()).assertSuccess("ssh-keygen");
      sshd.authorizeKey(Files.readString(Path.of(key + ".pub")));

      IOException none = assertThrows(IOException.class, () -> new SshConnector(key, knownHosts, false, TIMEOUT));
      assertTrue(none.getMessage().startsWith("identity file " + key + " is passphrase-protected: load it into an "
          + "ssh-agent (ssh-add " + key), none.getMessage());
      IOException wrong = assertThrows(IOException.class, () -> connector(key, "wrong", knownHosts));
      assertEquals("wrong passphrase for identity file " + key + " (ssh.identityFile)", wrong.getMessage());
      assertEquals("in as root", whoami(connector(key, "correct horse", knownHosts), sshd));
    }
  }

  private static SshConnector connector(Path key, String passphrase, Path knownHosts) throws IOException {
    return new SshConnector(SshCredentials.keyFile(key, k -> passphrase.toCharArray()), knownHosts, false, TIMEOUT);
  }

  @Test
  void theKeysOfAnSshAgentStartedHereAreUsedAndTheIdentityFileIsNotRead() throws Exception {
    Path agentBin = RequiredTool.require("ssh-agent", "openssh-client");
    Path socket = tmp.resolve("agent.sock");
    try (Sshd sshd = sshd();
        Daemon agent = Daemon.start("ssh-agent", List.of(agentBin.toString(), "-D", "-a", socket.toString()),
            Map.of(), tmp.resolve("agent.log"))) {
      Path knownHosts = sshd.writeKnownHosts(tmp.resolve("known_hosts"));
      Map<String, String> env = Map.of(SshCredentials.AGENT_ENV, socket.toString());
      Path noFile = tmp.resolve("no-such-key");
      SshCredentials viaAgent = SshCredentials.choose(env, noFile, KeyPassphrase.NONE);
      assertTrue(viaAgent.usesAgent());

      awaitSocket(socket);
      IOException empty = assertThrows(IOException.class, () -> new SshConnector(viaAgent, knownHosts, false,
          TIMEOUT));
      assertTrue(empty.getMessage().startsWith("the ssh-agent at " + socket + " holds no key"), empty.getMessage());

      Processes.run(TIMEOUT, env, List.of("ssh-add", "-q", sshd.clientPrivateKey().toString()))
          .assertSuccess("ssh-add");
      assertEquals("in as root", whoami(new SshConnector(viaAgent, knownHosts, false, TIMEOUT), sshd));
      assertFalse(Files.exists(noFile));
    }
  }

  private static void awaitSocket(Path socket) throws InterruptedException {
    for (int i = 0; i < 100 && !Files.exists(socket); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(socket), "ssh-agent did not create " + socket);
  }
}
