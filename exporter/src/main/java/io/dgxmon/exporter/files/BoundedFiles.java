package io.dgxmon.exporter.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads the small text files other programs leave for the exporter (job map, job info, gpustat) as hostile input:
 * regular files only, never through a symlink, at most {@link Limits#maxFileBytes()} each and
 * {@link Limits#maxEntries()} per directory, strict UTF-8, each read under a deadline on a {@link ReadPool}
 * thread. A file that breaks a rule is skipped and named in one log line ({@link FileProblems}); the others are
 * still read. See docs/Exporter.md, "Input limits".
 */
public final class BoundedFiles {

  /**
   * @param maxFileBytes a larger file is skipped whole (a truncated job list or key list would be wrong)
   * @param maxEntries directory entries looked at per read; the rest are ignored
   * @param deadline longest wait for one file
   */
  public record Limits(int maxFileBytes, int maxEntries, Duration deadline) {
    public static final Limits DEFAULT = new Limits(64 * 1024, 4096, Duration.ofSeconds(1));
  }

  /** O_NOFOLLOW: a symlink swapped in after the type check fails the open (ELOOP). */
  private static final Set<OpenOption> READ_NO_FOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private final Limits limits;
  private final FileProblems problems;
  private final ReadPool pool;

  public BoundedFiles(Limits limits, FileProblems problems) {
    this(limits, problems, ReadPool.shared());
  }

  BoundedFiles(Limits limits, FileProblems problems, ReadPool pool) {
    this.limits = Objects.requireNonNull(limits);
    this.problems = Objects.requireNonNull(problems);
    this.pool = Objects.requireNonNull(pool);
  }

  public FileProblems problems() {
    return problems;
  }

  /**
   * The text of every acceptable file in {@code dir} whose name {@code wanted} accepts, by file name, sorted.
   * Empty when {@code dir} does not exist.
   *
   * @throws InterruptedIOException when the calling thread is interrupted (e.g. its collection was abandoned): the
   *     remaining files are not read, and the thread stays interrupted
   * @throws IOException otherwise only when the directory itself cannot be listed
   */
  public Map<String, String> readDirectory(Path dir, Predicate<String> wanted) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    int seen = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        if (++seen > limits.maxEntries()) {
          problems.skipped(dir, "more than " + limits.maxEntries() + " entries; only the first "
              + limits.maxEntries() + " (in directory order) are read");
          return texts;
        }
        String name = file.getFileName().toString();
        if (wanted.test(name)) {
          read(file).ifPresent(text -> texts.put(name, text));
        }
      }
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    problems.cleared(dir);
    return texts;
  }

  /** The file's text; empty when it is absent, or breaks a rule (then logged once through {@link FileProblems}). */
  public Optional<String> readText(Path file) {
    try {
      return read(file);
    } catch (InterruptedIOException e) {
      return Optional.empty(); // the thread stays interrupted; not a problem of the file
    }
  }

  /**
   * The file's text under the same rules, or why not, for files whose absence or refusal means something to the
   * caller (sysfs attributes): {@link NoSuchFileException} when absent, {@link java.nio.file.AccessDeniedException}
   * when permissions refuse it, another IOException for a broken rule. Nothing is logged; the caller reports.
   */
  public String readOrThrow(Path file) throws IOException {
    return decode(pool.call(() -> readBytes(file), limits.deadline()));
  }

  private Optional<String> read(Path file) throws InterruptedIOException {
    try {
      String text = decode(pool.call(() -> readBytes(file), limits.deadline()));
      problems.cleared(file);
      return Optional.of(text);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (NoSuchFileException e) {
      problems.cleared(file); // removed by the epilog between listing and reading: not a problem
    } catch (IOException e) {
      problems.skipped(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * Runs on a pool thread. The type check comes first, so an existing FIFO or device is never opened; the
   * open refuses a symlink swapped in after the check; and whatever was opened is read only up to the cap, and
   * only kept when the path still names the file that was checked.
   */
  private byte[] readBytes(Path file) throws IOException {
    BasicFileAttributes checked = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    requireRegular(checked);
    requireSmall(checked.size());
    byte[] bytes;
    try (SeekableByteChannel channel = Files.newByteChannel(file, READ_NO_FOLLOW)) {
      requireSmall(channel.size()); // the size of what was opened, not of what the path named before
      bytes = readAtMost(channel, limits.maxFileBytes() + 1);
    }
    requireSmall(bytes.length);
    BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!Objects.equals(checked.fileKey(), after.fileKey())) {
      throw new IOException("replaced while being read; read again next scrape");
    }
    return bytes;
  }

  private static void requireRegular(BasicFileAttributes attributes) throws IOException {
    if (attributes.isRegularFile()) {
      return;
    }
    String kind = attributes.isSymbolicLink() ? "a symbolic link (never followed)"
        : attributes.isDirectory() ? "a directory" : "a FIFO, socket or device";
    throw new IOException("not a regular file: " + kind);
  }

  private void requireSmall(long bytes) throws IOException {
    if (bytes > limits.maxFileBytes()) {
      throw new IOException("larger than the " + limits.maxFileBytes() + "-byte limit");
    }
  }

  private static byte[] readAtMost(SeekableByteChannel channel, int max) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(Math.min(max, 8192));
    while (true) {
      if (!buffer.hasRemaining()) {
        if (buffer.capacity() >= max) {
          break;
        }
        buffer = ByteBuffer.allocate(Math.min(max, buffer.capacity() * 2)).put(buffer.flip());
      }
      if (channel.read(buffer) < 0) {
        break;
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /** Strict UTF-8: a file that is not is skipped rather than shown with replacement characters in labels. */
  private static String decode(byte[] bytes) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException("not valid UTF-8");
    }
  }
}
