package io.dgxmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Short private directories for the Unix sockets of a test cluster (munged's, slurmstepd's): under {@code /tmp}
 * itself rather than {@code java.io.tmpdir} or a test's work dir, whose length is not ours to choose, because a
 * socket path longer than {@value SlurmConfig#MAX_SOCKET_PATH} bytes cannot be bound.
 */
final class SocketDirs {
  private static final Path BASE = Path.of("/tmp");

  private SocketDirs() {}

  /** A new {@code /tmp/dgxsock-<n>}, traversable by others (munged runs as the munge user) but not listable. */
  static Path create() {
    try {
      Path dir = Files.createTempDirectory(BASE, "dgxsock-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a socket directory under " + BASE, e);
    }
  }

  /** Removes the directory and what the daemons left in it; never throws (it runs from close()). */
  static void delete(Path dir) {
    if (!dir.startsWith(BASE) || !dir.getFileName().toString().startsWith("dgxsock-")) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Already gone, or a daemon still writes into it: leaving a small dir in /tmp is harmless.
    }
  }
}
