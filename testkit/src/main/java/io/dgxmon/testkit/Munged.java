package io.dgxmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Set;

/**
 * A private munge daemon for one test Slurm cluster: its own key, pid, log and seed files in one directory and its
 * socket in another (short: a socket path may be at most 107 bytes), running as the {@code munge} user, so clusters
 * never share credentials.
 */
public final class Munged implements AutoCloseable {
  private static final int MAX_SOCKET_PATH = 107;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final Path dir;
  private final Path socketDir;
  private final Path munge;
  private final Path unmunge;
  private Daemon daemon;

  private Munged(Path dir, Path socketDir) {
    this.dir = dir.toAbsolutePath();
    this.socketDir = socketDir.toAbsolutePath();
    this.munge = RequiredTool.require("munge", "munge");
    this.unmunge = RequiredTool.require("unmunge", "munge");
  }

  /**
   * Starts munged with its files under {@code dir} and its socket in {@code socketDir} (both created and made
   * traversable for the munge user).
   */
  public static Munged start(Path dir, Path socketDir) {
    Munged munged = new Munged(dir, socketDir);
    try {
      munged.launch();
      return munged;
    } catch (RuntimeException | Error e) {
      munged.close();
      throw e;
    }
  }

  public Path socket() {
    return socketDir.resolve("munge.sock");
  }

  public Path log() {
    return dir.resolve("munged.log");
  }

  /** Encodes and decodes one credential through this daemon. */
  public ProcessResult selfTest() {
    ProcessResult credential = Processes.run(COMMAND_TIMEOUT, munge.toString(), "-n", "-S", socket().toString());
    if (!credential.succeeded()) {
      return credential;
    }
    return Processes.run(COMMAND_TIMEOUT, Map.of(), List.of(unmunge.toString(), "-S", socket().toString()),
        credential.stdout());
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }

  private void launch() {
    Path munged = RequiredTool.require("munged", "munge");
    Path setpriv = RequiredTool.require("setpriv", "util-linux");
    if (socket().toString().length() > MAX_SOCKET_PATH) {
      throw new IllegalArgumentException("munge socket path is longer than a unix socket allows ("
          + MAX_SOCKET_PATH + "): " + socket() + "; use a shorter socket dir");
    }
    TextFiles.createDirectories(dir, socketDir);
    Path key = dir.resolve("munge.key");
    writeKey(key);
    ownByMunge(dir, socketDir, key);
    makeTraversable(dir);
    makeTraversable(socketDir);
    // -F keeps munged in the foreground, so the PID we hold is the daemon's; setpriv execs, it does not fork.
    daemon = Daemon.start("munged", List.of(setpriv.toString(), "--reuid=munge", "--regid=munge", "--init-groups",
        munged.toString(), "-F", "--socket=" + socket(), "--key-file=" + key,
        "--pid-file=" + dir.resolve("munged.pid"), "--log-file=" + log(), "--seed-file=" + dir.resolve("munged.seed")),
        Map.of(), log());
    awaitCredential();
  }

  private void awaitCredential() {
    AtomicReference<ProcessResult> last = new AtomicReference<>();
    boolean answers = Await.whileAlive(START_TIMEOUT, Duration.ofMillis(20), daemon::isAlive, () -> {
      if (!Files.exists(socket())) {
        return false;
      }
      last.set(selfTest());
      return last.get().succeeded() && last.get().stdout().contains("Success");
    });
    if (!answers) {
      throw new IllegalStateException("munged did not answer on " + socket() + " (last self-test: " + last.get()
          + ")\n" + daemon.logTail());
    }
  }

  /** A fresh random key per cluster, so no cluster can decode another's credentials. */
  private static void writeKey(Path key) {
    byte[] bytes = new byte[128];
    new SecureRandom().nextBytes(bytes);
    try {
      Files.deleteIfExists(key);
      Files.createFile(key, PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE)));
      Files.write(key, bytes);
      Files.setPosixFilePermissions(key, Set.of(PosixFilePermission.OWNER_READ));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write munge key " + key, e);
    }
  }

  private static void ownByMunge(Path... paths) {
    try {
      UserPrincipalLookupService users = paths[0].getFileSystem().getUserPrincipalLookupService();
      GroupPrincipal group = users.lookupPrincipalByGroupName("munge");
      for (Path path : paths) {
        Files.setOwner(path, users.lookupPrincipalByName("munge"));
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot give " + List.of(paths)
          + " to the munge user (is the 'munge' package installed and are we root?)", e);
    }
  }

  /**
   * munged insists that every directory up to its socket be executable by all; temp dirs are 0700.
   * Adds only the o+x bit, only where it is missing.
   */
  private static void makeTraversable(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      for (Path p = dir.getParent(); p != null; p = p.getParent()) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          perms.add(PosixFilePermission.OTHERS_EXECUTE);
          perms.add(PosixFilePermission.GROUP_EXECUTE);
          Files.setPosixFilePermissions(p, perms);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + dir + " traversable for munged", e);
    }
  }
}
