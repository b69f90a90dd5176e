package io.dgxmon.common.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a file so that a reader, a second writer or a crash sees either the old content or the new, never a part.
 * The one way dgxmon programs write a file that something else reads (file_sd targets, the MIG map, deployer state,
 * dry-run output, the wizard's config). In order:
 * <ol>
 *   <li>a temp file is created next to the target ({@code .<name>.<random>.tmp}: same file system, so the rename is
 *       atomic; hidden and not {@code *.json}, so globs such as Prometheus' {@code *.json} never pick it up);</li>
 *   <li>the content is written and the file fsynced ({@code force(true)}), so the rename cannot land before the
 *       data;</li>
 *   <li>its permissions are set to exactly {@link Options#permissions()}, whatever the process umask (a unit's
 *       {@code UMask=0077}, as the exporter unit has, would otherwise hide a file Prometheus or the prolog must
 *       read);</li>
 *   <li>it is renamed over the target ({@code rename(2)}, which replaces an existing file);</li>
 *   <li>the directory is fsynced, so the rename itself survives a power cut.</li>
 * </ol>
 * A failure at any step removes the temp file and leaves the target as it was.
 */
public final class AtomicFile {
  /** rw-r--r--: files other users' programs read (Prometheus, the Slurm prolog). */
  public static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
  /** rw-------: files only the writing user may read (deployer state). */
  public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  /** The suffix of every temp file; a crash may leave one behind (see {@link #isTempFileName}). */
  public static final String TEMP_SUFFIX = ".tmp";
  /** The longest file name Linux file systems take (NAME_MAX), in bytes. */
  public static final int NAME_MAX_BYTES = 255;

  /** Moves the finished temp file into place; replaceable so a test can stop a writer right before the rename. */
  @FunctionalInterface
  public interface Rename {
    void move(Path temp, Path target) throws IOException;
  }

  /** How to write: the permissions the target ends up with, and the rename step. */
  public record Options(Set<PosixFilePermission> permissions, Rename rename) {
    public Options {
      permissions = Set.copyOf(permissions);
    }

    public Options(Set<PosixFilePermission> permissions) {
      this(permissions, AtomicFile::rename);
    }
  }

  private AtomicFile() {}

  /** Writes {@code content} as UTF-8; see the class comment for the steps. */
  public static void write(Path target, String content, Set<PosixFilePermission> permissions) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8), new Options(permissions));
  }

  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    write(target, content, new Options(permissions));
  }

  /** Writes {@code content}; creates no directory (a missing one is the caller's decision). */
  public static void write(Path target, byte[] content, Options options) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(tempFileName(target.getFileName().toString()));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.setPosixFilePermissions(temp, options.permissions());
      options.rename().move(temp, target.toAbsolutePath());
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Whether a file named {@code targetName} can be written by {@link #write}: its temp file's name, which is longer,
   * must fit {@link #NAME_MAX_BYTES} too, or every write fails with "File name too long".
   */
  public static boolean canWrite(String targetName) {
    return tempFileName(targetName).getBytes(StandardCharsets.UTF_8).length <= NAME_MAX_BYTES;
  }

  private static String tempFileName(String targetName) {
    return "." + targetName + "." + UUID.randomUUID() + TEMP_SUFFIX;
  }

  /** Whether {@code fileName} is one of the temp files this class creates for {@code targetName}. */
  public static boolean isTempFileName(String fileName, String targetName) {
    return fileName.startsWith("." + targetName + ".") && fileName.endsWith(TEMP_SUFFIX);
  }

  /** Makes a finished rename or removal in {@code dir} durable. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void rename(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
