package io.dgxmon.deploy.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The deployer's private state directory. Root reads install manifests from it and removes what they list on every
 * node, so nobody else may be able to plant or swap a file there: it is created 0700 and, before each use, must be a
 * real directory (not a link) owned by the current user with no group/other bits, under parents that only root or
 * the current user can change (a world-writable parent only with the sticky bit, like /tmp).
 */
final class StateDir {
  private static final int GROUP_OTHER_BITS = 077;
  private static final int GROUP_OTHER_WRITE = 022;
  private static final int STICKY = 01000;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private StateDir() {}

  /** Creates {@code dir} (0700) when missing, then refuses it unless it is private; returns its absolute path. */
  static Path open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs, NOFOLLOW)) {
      Files.createDirectories(abs.getParent());
      Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    check(abs);
    return abs;
  }

  /** Throws with the reason and the fix when {@code dir} is not a private directory of the current user. */
  static void check(Path dir) throws IOException {
    int me = currentUid();
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, NOFOLLOW)) {
      throw refused(dir, "is not a directory (a symbolic link or a file)", "use --state with a real directory");
    }
    int owner = uid(dir);
    if (owner != me) {
      throw refused(dir, "is owned by uid " + owner + ", not by the current user (uid " + me + ")",
          "move it away, or chown it to the user running dgxmon-deploy");
    }
    int mode = mode(dir);
    if ((mode & GROUP_OTHER_BITS) != 0) {
      throw refused(dir, "has mode " + String.format("%04o", mode & 07777) + " (group or others have access)",
          "chmod 700 " + dir);
    }
    for (Path p = dir.toRealPath().getParent(); p != null; p = p.getParent()) {
      checkParent(dir, p, me);
    }
  }

  private static void checkParent(Path dir, Path parent, int me) throws IOException {
    int owner = uid(parent);
    if (owner != 0 && owner != me) {
      throw refused(dir, "lies under " + parent + ", owned by uid " + owner + " (who could replace it)",
          "use --state with a directory under one owned by you or root");
    }
    int mode = mode(parent);
    if ((mode & GROUP_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
      throw refused(dir, "lies under " + parent + ", which others can write (mode "
          + String.format("%04o", mode & 07777) + ")", "chmod go-w " + parent + ", or use another --state");
    }
  }

  private static IOException refused(Path dir, String why, String fix) {
    return new IOException("state directory " + dir + " " + why + "; refusing to use it (" + fix + ")");
  }

  private static int uid(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:uid", NOFOLLOW);
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW);
  }

  /** The effective uid of this process: /proc/self belongs to it. */
  static int currentUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }
}
