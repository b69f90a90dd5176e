package io.dgxmon.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Renders the sshd_config of a test {@link Sshd}: key-only root login, one node identity per address. */
record SshdConfig(Path sshDir, Path home, int port, Map<String, String> addressToNodeName, String hostKeyType) {
  /** sshd refuses more than 16 ListenAddress lines; beyond that it listens on all and filters. */
  static final int MAX_LISTEN_ADDRESSES = 16;

  static final Pattern LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  SshdConfig {
    addressToNodeName = new LinkedHashMap<>(addressToNodeName);
    if (addressToNodeName.isEmpty()) {
      throw new IllegalArgumentException("Sshd needs at least one address");
    }
    addressToNodeName.forEach(SshdConfig::validate);
  }

  /** With the usual ed25519 host key. */
  SshdConfig(Path sshDir, Path home, int port, Map<String, String> addressToNodeName) {
    this(sshDir, home, port, addressToNodeName, "ed25519");
  }

  private static void validate(String address, String node) {
    if (!LOOPBACK.matcher(address).matches()) {
      throw new IllegalArgumentException("Sshd address '" + address + "' is not a 127.x.y.z loopback address");
    }
    if (!NODE_NAME.matcher(node).matches()) {
      throw new IllegalArgumentException("Sshd node name '" + node + "' for " + address
          + " must match " + NODE_NAME.pattern());
    }
  }

  /** The one host key sshd offers: {@code host_<type>} (ed25519 unless a test asks for another type). */
  Path hostKey() {
    return sshDir.resolve("host_" + hostKeyType);
  }

  Path clientKey() {
    return sshDir.resolve("client_ed25519");
  }

  Path authorizedKeys() {
    return sshDir.resolve("authorized_keys");
  }

  Path file() {
    return sshDir.resolve("sshd_config");
  }

  String render() {
    StringBuilder text = new StringBuilder();
    text.append("Port ").append(port).append('\n');
    if (addressToNodeName.size() > MAX_LISTEN_ADDRESSES) {
      text.append("ListenAddress 0.0.0.0\n");
    } else {
      addressToNodeName.keySet().forEach(a -> text.append("ListenAddress ").append(a).append('\n'));
    }
    text.append("HostKey ").append(hostKey()).append('\n')
        .append("PidFile ").append(sshDir.resolve("sshd.pid")).append('\n')
        .append("AuthorizedKeysFile ").append(authorizedKeys()).append('\n')
        .append("""
            AllowUsers root@127.0.0.0/8
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            MaxStartups 200
            MaxSessions 100
            Subsystem sftp internal-sftp
            """)
        // Before any Match: a HOME without pyenv's .bashrc makes each command ~160 ms faster.
        .append("SetEnv HOME=").append(home).append(" FAKE_HOST=unknown\n");
    addressToNodeName.forEach((address, node) -> text
        .append("Match LocalAddress ").append(address).append('\n')
        .append("    SetEnv HOME=").append(home).append(" FAKE_HOST=").append(node).append('\n'));
    return text.toString();
  }
}
