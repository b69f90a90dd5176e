package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SSHAgentConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Gives a JSch instance the keys of {@link SshCredentials}: an ssh-agent's, or one (decrypted) key file. */
final class JschIdentities {
  private JschIdentities() {}

  static void install(JSch jsch, SshCredentials credentials) throws IOException {
    if (credentials.usesAgent()) {
      jsch.setIdentityRepository(agent(credentials.agentSocket()));
    } else {
      addKeyFile(jsch, credentials.identityFile(), credentials.passphrase());
    }
  }

  /** The agent's keys; refused when nothing answers on the socket or the agent holds no key. */
  private static IdentityRepository agent(Path socket) throws IOException {
    String unset = "; or unset " + SshCredentials.AGENT_ENV + " to use ssh.identityFile";
    AgentIdentityRepository agent;
    try {
      agent = new AgentIdentityRepository(new SSHAgentConnector(socket));
    } catch (AgentProxyException e) {
      throw new IOException("cannot use the ssh-agent at " + socket + ": " + e.getMessage() + unset, e);
    }
    if (agent.getStatus() != IdentityRepository.RUNNING) {
      throw new IOException("no ssh-agent answers at " + socket + " (" + SshCredentials.AGENT_ENV
          + "); start one with: eval \"$(ssh-agent)\" && ssh-add KEY" + unset);
    }
    if (agent.getIdentities().isEmpty()) {
      throw new IOException("the ssh-agent at " + socket + " holds no key; add one with: ssh-add KEY" + unset);
    }
    return agent;
  }

  private static void addKeyFile(JSch jsch, Path identity, KeyPassphrase passphrase) throws IOException {
    if (!Files.isReadable(identity)) {
      throw new IOException("identity file " + identity + " is missing or unreadable (ssh.identityFile)");
    }
    byte[] secret = null;
    try {
      KeyPair key = KeyPair.load(jsch, identity.toString());
      try {
        if (key.isEncrypted()) {
          secret = passphraseBytes(identity, passphrase);
          if (!key.decrypt(secret)) {
            throw new IOException("wrong passphrase for identity file " + identity + " (ssh.identityFile)");
          }
        }
      } finally {
        key.dispose();
      }
      jsch.addIdentity(identity.toString(), secret);
    } catch (JSchException e) {
      throw new IOException("cannot use identity file " + identity + ": " + e.getMessage(), e);
    } finally {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  private static byte[] passphraseBytes(Path identity, KeyPassphrase passphrase) throws IOException {
    char[] chars = passphrase.forKey(identity);
    if (chars == null) {
      throw new IOException("identity file " + identity + " is passphrase-protected: load it into an ssh-agent "
          + "(ssh-add " + identity + ", with " + SshCredentials.AGENT_ENV + " set), run interactively to be "
          + "asked, or set " + KeyPassphrase.ENV);
    }
    byte[] bytes = PrivateKeyFile.utf8(chars);
    Arrays.fill(chars, '\0');
    return bytes;
  }
}
