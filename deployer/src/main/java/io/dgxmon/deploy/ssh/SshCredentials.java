package io.dgxmon.deploy.ssh;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the deployer authenticates. The ssh-agent wins: when {@code SSH_AUTH_SOCK} is set, the agent's keys are used
 * and {@code ssh.identityFile} is not read (unset the variable to use the file). Otherwise the identity file,
 * decrypted once with {@link KeyPassphrase} when it is passphrase-protected.
 */
public record SshCredentials(Path agentSocket, Path identityFile, KeyPassphrase passphrase) {
  public static final String AGENT_ENV = "SSH_AUTH_SOCK";

  /** The agent named by {@code SSH_AUTH_SOCK} in {@code env} when set (and not empty), else the identity file. */
  public static SshCredentials choose(Map<String, String> env, Path identityFile, KeyPassphrase passphrase) {
    String socket = env.get(AGENT_ENV);
    return new SshCredentials(socket == null || socket.isEmpty() ? null : Path.of(socket), identityFile, passphrase);
  }

  /** One identity file only (no agent), e.g. for tests. */
  public static SshCredentials keyFile(Path identityFile, KeyPassphrase passphrase) {
    return new SshCredentials(null, identityFile, passphrase);
  }

  public boolean usesAgent() {
    return agentSocket != null;
  }

  /** For error messages: which keys were offered. */
  String describe() {
    return usesAgent() ? "the keys of the ssh-agent at " + agentSocket + " (" + AGENT_ENV + ")"
        : "key " + identityFile;
  }
}
