package io.dgxmon.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real OpenSSH sshd on loopback for tests: one daemon answering on several 127.x.y.z addresses,
 * each of which looks like its own node ({@code $FAKE_HOST}), with its own host key and a client
 * key authorised for root. Stopped by PID on {@link #close()}.
 */
public final class Sshd implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Path sshd;
  private final Path sshClient;
  private final Path sshKeygen;
  private final Path workDir;
  private SshdConfig config;
  private Daemon daemon;

  private Sshd(Path workDir) {
    this.sshd = RequiredTool.require("sshd", "openssh-server");
    this.sshClient = RequiredTool.require("ssh", "openssh-client");
    this.sshKeygen = RequiredTool.require("ssh-keygen", "openssh-client");
    this.workDir = workDir.toAbsolutePath();
  }

  /** Starts one sshd on {@code addresses}; address i is node "node{i+1}". */
  public static Sshd start(Path workDir, List<String> addresses) {
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < addresses.size(); i++) {
      names.put(addresses.get(i), "node" + (i + 1));
    }
    return start(workDir, names);
  }

  /** Starts one sshd on the map's addresses; a command run through an address sees its node name in $FAKE_HOST. */
  public static Sshd start(Path workDir, Map<String, String> addressToNodeName) {
    Sshd server = new Sshd(workDir);
    try {
      server.setUp(addressToNodeName);
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  private void setUp(Map<String, String> addressToNodeName) {
    if (workDir.toString().matches(".*\\s.*")) {
      throw new IllegalArgumentException("Sshd work dir must not contain whitespace: " + workDir);
    }
    Path sshDir = workDir.resolve("ssh");
    TextFiles.createDirectories(sshDir, workDir.resolve("home"), Path.of("/run/sshd"));
    config = new SshdConfig(sshDir, workDir.resolve("home"), 0, addressToNodeName);
    keygen(config.hostKey(), "ed25519");
    keygen(config.clientKey(), "ed25519");
    TextFiles.write(config.authorizedKeys(), TextFiles.read(config.clientKey().resolveSibling("client_ed25519.pub")));
    for (int attempt = 1; ; attempt++) {
      config = new SshdConfig(sshDir, config.home(), FreePorts.find(), config.addressToNodeName());
      try {
        launch();
        break;
      } catch (IllegalStateException e) {
        // Another test may have taken the free port between our probe and sshd's bind.
        if (attempt == START_ATTEMPTS || !e.getMessage().contains("Address already in use")) {
          throw e;
        }
      }
    }
    writeKnownHosts(knownHostsFile());
  }

  public int port() {
    return config.port();
  }

  public List<String> addresses() {
    return List.copyOf(config.addressToNodeName().keySet());
  }

  public Path clientPrivateKey() {
    return config.clientKey();
  }

  /** The host key as "ssh-ed25519 AAAA...", without comment. */
  public String hostPublicKey() {
    String[] fields = TextFiles.read(Path.of(config.hostKey() + ".pub")).trim().split("\\s+");
    return fields[0] + " " + fields[1];
  }

  /** A plain (unhashed) known_hosts line for one address: "[127.0.1.2]:PORT ssh-ed25519 AAAA...". */
  public String knownHostsLine(String address) {
    return "[" + address + "]:" + port() + " " + hostPublicKey();
  }

  /** Writes a known_hosts file with every address of this sshd and returns it. */
  public Path writeKnownHosts(Path file) {
    List<String> lines = addresses().stream().map(this::knownHostsLine).toList();
    return TextFiles.write(file, String.join("\n", lines) + "\n");
  }

  /**
   * Options for OpenSSH's ssh/sftp/scp to log in here as root with the client key and strict
   * host-key checking against {@code knownHosts}; user config files are ignored.
   */
  public List<String> clientOptions(Path knownHosts) {
    return List.of(
        "-F", "/dev/null",
        "-i", clientPrivateKey().toString(),
        "-o", "Port=" + port(),
        "-o", "User=root",
        "-o", "UserKnownHostsFile=" + knownHosts,
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes",
        "-o", "ConnectTimeout=10",
        // The default sntrup761 key exchange costs ~75 ms of client CPU per connection.
        "-o", "KexAlgorithms=curve25519-sha256");
  }

  /**
   * Runs {@code command} on {@code address} with OpenSSH's client, checking the host key strictly
   * against the known_hosts written when this sshd first started (so a changed key fails).
   */
  public ProcessResult ssh(String address, String command) {
    List<String> args = new ArrayList<>();
    args.add(sshClient.toString());
    args.addAll(clientOptions(knownHostsFile()));
    args.add(address);
    args.add(command);
    return Processes.run(COMMAND_TIMEOUT, Map.of(), args);
  }

  /** Restarts on the same port and addresses with a freshly generated host key. */
  public void restartWithNewHostKey() {
    restartWithNewHostKey(config.hostKeyType());
  }

  /**
   * Restarts on the same port and addresses offering only a fresh host key of {@code type} ("rsa", "ecdsa",
   * "ed25519"), e.g. a host known by its ed25519 key that now offers only RSA.
   */
  public void restartWithNewHostKey(String type) {
    stopDaemon();
    TextFiles.delete(config.hostKey());
    TextFiles.delete(Path.of(config.hostKey() + ".pub"));
    config = new SshdConfig(config.sshDir(), config.home(), config.port(), config.addressToNodeName(), type);
    keygen(config.hostKey(), type);
    launch();
  }

  /** Lets root log in with one more key ("ssh-ed25519 AAAA... comment", e.g. a test's passphrase-protected key). */
  public void authorizeKey(String publicKeyLine) {
    String keys = TextFiles.read(config.authorizedKeys());
    TextFiles.write(config.authorizedKeys(), keys + publicKeyLine.trim() + "\n");
  }

  @Override
  public void close() {
    stopDaemon();
  }

  private Path knownHostsFile() {
    return config.sshDir().resolve("known_hosts");
  }

  private void launch() {
    TextFiles.write(config.file(), config.render());
    Processes.run(COMMAND_TIMEOUT, sshd.toString(), "-t", "-f", config.file().toString())
        .assertSuccess("sshd -t -f " + config.file());
    // -D: stay in the foreground so the PID we hold is the listener's; -e: log to our log file.
    daemon = Daemon.start("sshd", List.of(sshd.toString(), "-D", "-e", "-f", config.file().toString()),
        Map.of(), config.sshDir().resolve("sshd.log"));
    awaitBanner();
  }

  private void awaitBanner() {
    String address = addresses().get(0);
    AtomicReference<String> banner = new AtomicReference<>("");
    if (!Await.whileAlive(START_TIMEOUT, Duration.ofMillis(50), daemon::isAlive,
        () -> {
          banner.set(readBanner(address));
          return banner.get().startsWith("SSH-");
        })) {
      String why = daemon.isAlive() ? "no SSH banner within " + START_TIMEOUT : "sshd exited";
      stopDaemon();
      throw new IllegalStateException(why + " on " + address + ":" + port() + " (last: " + banner.get() + ")\n"
          + Daemon.tail(config.sshDir().resolve("sshd.log"), 20));
    }
  }

  private String readBanner(String address) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port()), 1000);
      socket.setSoTimeout(1000);
      InputStream in = socket.getInputStream();
      byte[] banner = in.readNBytes(4);
      return new String(banner, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void stopDaemon() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }

  private void keygen(Path key, String type) {
    Processes.run(COMMAND_TIMEOUT, sshKeygen.toString(), "-q", "-t", type, "-N", "", "-C", "dgxmon-test", "-f",
        key.toString()).assertSuccess("ssh-keygen " + key);
  }

}
