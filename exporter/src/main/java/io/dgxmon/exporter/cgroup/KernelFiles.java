package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.files.FileProblems;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Reads small kernel files (cgroupfs, procfs) into one reused buffer. Not thread-safe; a collection owns one
 * instance. No String per file content: a scrape reads thousands of these and the contents are parsed straight
 * from the bytes. Only regular files are opened, never through a symlink, and at most 64 KiB of each is read:
 * kernel files always are, so anything else (a FIFO or /dev/zero under a test or bind-mounted root) is skipped
 * and logged once instead of blocking the collection or filling the buffer forever. On a kernel filesystem, where
 * nothing but files and directories can exist ({@link KernelFilesystems}), the type check is left out: it was a
 * third of the system calls a scrape makes.
 */
final class KernelFiles {
  static final int BUFFER_SIZE = 64 * 1024;
  /** Reads of up to 8 KiB go through the JDK's cached temporary buffer in one call each, as before. */
  private static final int CHUNK = 8192;
  /** One set for every open: {@code FileChannel.open(path, options...)} would build a HashSet per file. */
  private static final Set<OpenOption> READ_NOFOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final ByteBuffer target = ByteBuffer.wrap(buffer);
  private final FileProblems problems;
  private int length;
  private boolean checkTypes = true;

  KernelFiles(FileProblems problems) {
    this.problems = problems;
  }

  /** Whether each file's type is checked before it is opened; pass false only for a kernel filesystem. */
  void checkTypes(boolean check) {
    checkTypes = check;
  }

  /** The bytes of the last file read, valid up to {@link #length()}. */
  byte[] bytes() {
    return buffer;
  }

  int length() {
    return length;
  }

  /**
   * Reads {@code path} into the buffer.
   *
   * @return false when the file does not exist (its cgroup went away, or the controller is not there) or is not a
   *     regular file (logged once)
   * @throws IOException when it exists but cannot be read (permissions), so the scrape fails visibly
   */
  boolean read(String path) throws IOException {
    length = 0;
    Path file = Path.of(path);
    if (checkTypes && !isRegularFile(file)) {
      return false;
    }
    try (FileChannel in = FileChannel.open(file, READ_NOFOLLOW)) {
      readInto(in);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      // ENODEV and friends: the cgroup was removed between open and read.
      if (!new File(path).exists()) {
        return false;
      }
      throw e;
    }
    return true;
  }

  /** False, and reported once, for anything but a regular file; false for a file that does not exist. */
  private boolean isRegularFile(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (!attributes.isRegularFile()) {
      problems.skipped(file, "not a regular file (" + (attributes.isSymbolicLink() ? "a symbolic link, never followed"
          : "a FIFO, socket, device or directory") + "); read as absent");
      return false;
    }
    return true;
  }

  /** A short read is the end of a cgroup or proc file (seq_file hands out all it has): no extra read for EOF. */
  private void readInto(FileChannel in) throws IOException {
    target.clear();
    int n;
    do {
      int want = Math.min(CHUNK, buffer.length - length);
      target.limit(length + want);
      n = in.read(target);
      if (n > 0) {
        length += n;
      }
      if (n < want) {
        break;
      }
    } while (length < buffer.length);
  }

  /** Subdirectory names of {@code dir}, or {@code null} when it does not exist (or is not a directory). */
  static String[] list(String dir) {
    return new File(dir).list();
  }

  /** The first unsigned integer in the buffer (e.g. {@code cpuacct.usage}); 0 when there is none. */
  long firstNumber() {
    return KernelText.parseLong(buffer, 0, length);
  }
}
