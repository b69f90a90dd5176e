package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * Opens key-authenticated JSch sessions (an ssh-agent's keys or one key file, see {@link SshCredentials}) with
 * strict host-key checking; failures become one clear sentence.
 */
public final class SshConnector {
  private final JSch jsch = new JSch();
  private final Path knownHosts;
  private final SshCredentials credentials;
  private final HostKeyPolicy hostKeys;
  private final Duration connectTimeout;

  /** One unencrypted key file, no agent. */
  public SshConnector(Path identity, Path knownHosts, boolean acceptNewHostKeys, Duration connectTimeout)
      throws IOException {
    this(SshCredentials.keyFile(identity, KeyPassphrase.NONE), knownHosts, acceptNewHostKeys, connectTimeout);
  }

  public SshConnector(SshCredentials credentials, Path knownHosts, boolean acceptNewHostKeys,
      Duration connectTimeout) throws IOException {
    this.credentials = credentials;
    this.knownHosts = knownHosts;
    this.connectTimeout = connectTimeout;
    JschIdentities.install(jsch, credentials);
    if (!Files.exists(knownHosts)) {
      if (!acceptNewHostKeys) {
        throw new IOException("known hosts file " + knownHosts + " does not exist (ssh.knownHostsFile); create it "
            + "with ssh-keyscan, or pass --accept-new-host-keys to record keys on first contact");
      }
      Files.createDirectories(knownHosts.toAbsolutePath().getParent());
      Files.createFile(knownHosts, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try {
      jsch.setKnownHosts(knownHosts.toString());
    } catch (JSchException e) {
      throw new IOException("cannot use known hosts file " + knownHosts + ": " + e.getMessage(), e);
    }
    hostKeys = new HostKeyPolicy(jsch.getHostKeyRepository(), acceptNewHostKeys);
    jsch.setHostKeyRepository(hostKeys);
  }

  /** Compiles the bulk cipher in the background now, so that uploads starting later run at full speed. */
  public static void prepareForUploads() {
    CipherWarmup.start();
  }

  /** Hosts whose key was recorded in this run (--accept-new-host-keys). */
  public List<String> acceptedHostKeys() {
    return hostKeys.accepted();
  }

  public RemoteHost connect(String user, String address, int port) throws IOException {
    try {
      Session session = jsch.getSession(user, address, port);
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("PreferredAuthentications", "publickey");
      // Ask for a known host's known key type first (JSch's default, pinned here): an honest host that still has
      // that key uses it, so a key of another type is a change, refused by HostKeyPolicy.
      session.setConfig("prefer_known_host_key_types", "yes");
      // AES-GCM needs no separate MAC pass: the cheapest cipher for bulk uploads on the JDK's AES intrinsics.
      session.setConfig("cipher.c2s", "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes256-ctr");
      session.setConfig("cipher.s2c", "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes256-ctr");
      session.setServerAliveInterval(15_000);
      session.connect((int) connectTimeout.toMillis());
      return new JschHost(session, user + "@" + address + ":" + port);
    } catch (JSchException e) {
      throw new IOException(explain(e, user, address, port), e);
    }
  }

  private String explain(JSchException e, String user, String address, int port) {
    String m = String.valueOf(e.getMessage());
    String host = port == 22 ? address : "[" + address + "]:" + port;
    if (m.startsWith("UnknownHostKey") || m.contains("reject HostKey")) {
      return "host key of " + host + " is not in " + knownHosts + "; verify it, then add it with: ssh-keyscan -p "
          + port + " " + address + " >> " + knownHosts + "  (or rerun with --accept-new-host-keys)";
    }
    if (m.startsWith("HostKey has been changed") && hostKeys.mismatch(host) != null) {
      return hostKeys.mismatch(host).explain(knownHosts);
    }
    if (m.startsWith("HostKey has been changed")) {
      return "HOST KEY CHANGED for " + host + ": it differs from " + knownHosts + " (possible man-in-the-middle). "
          + "If the host was reinstalled, remove the old key with: ssh-keygen -R '" + host + "' -f " + knownHosts;
    }
    if (m.contains("Auth fail") || m.contains("USERAUTH fail")) {
      return "authentication failed for " + user + "@" + host + " with " + credentials.describe();
    }
    Throwable cause = e.getCause();
    String why = cause != null ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : m;
    return "cannot connect to " + host + ": " + why;
  }
}
