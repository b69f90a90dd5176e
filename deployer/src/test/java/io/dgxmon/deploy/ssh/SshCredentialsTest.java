package io.dgxmon.deploy.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which keys a run uses: the agent wins when SSH_AUTH_SOCK is set; a passphrase comes from the env or a terminal. */
class SshCredentialsTest {
  private static final Path KEY = Path.of("/root/.ssh/id_ed25519");

  @Test
  void theAgentWinsOverTheIdentityFileWhenSshAuthSockIsSet() {
    SshCredentials agent = SshCredentials.choose(Map.of("SSH_AUTH_SOCK", "/tmp/a.sock"), KEY, KeyPassphrase.NONE);
    assertTrue(agent.usesAgent());
    assertEquals("the keys of the ssh-agent at /tmp/a.sock (SSH_AUTH_SOCK)", agent.describe());
    assertFalse(SshCredentials.choose(Map.of("SSH_AUTH_SOCK", ""), KEY, KeyPassphrase.NONE).usesAgent());
    SshCredentials file = SshCredentials.choose(Map.of(), KEY, KeyPassphrase.NONE);
    assertFalse(file.usesAgent());
    assertEquals("key /root/.ssh/id_ed25519", file.describe());
  }

  @Test
  void aConfigRunTakesThePassphraseFromTheEnvironmentElseHasNoneWithoutATerminal() {
    KeyPassphrase fromEnv = KeyPassphrase.fromEnvironmentOrConsole(Map.of(KeyPassphrase.ENV, "s3cret"), null);
    assertArrayEquals("s3cret".toCharArray(), fromEnv.forKey(KEY));
    assertNull(KeyPassphrase.fromEnvironmentOrConsole(Map.of(), null).forKey(KEY));
  }
}
