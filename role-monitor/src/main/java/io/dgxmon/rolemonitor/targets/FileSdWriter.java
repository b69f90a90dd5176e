package io.dgxmon.rolemonitor.targets;

import io.dgxmon.common.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The targets directory. Every file is written through {@link AtomicFile} (a hidden {@code .*.tmp} temp file that
 * Prometheus' {@code *.json} glob never matches, fsynced, world-readable, renamed, directory fsynced), so a reader, a
 * second monitor or a crash never sees half a file. Only files carrying the managed marker
 * ({@link TargetFileFormat#isManaged}) are ever replaced or removed; anything else is left alone.
 */
public final class FileSdWriter {
  /** Removals held back by the deletion guard, one file name per line (hidden; not a *.json). */
  static final String PENDING_FILE = ".dgxmon-role-monitor.pending-removals";
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*\\.json");
  /** Files bigger than this are not ours (ours hold four groups), so they are not even read. */
  private static final long MAX_MANAGED_BYTES = 1 << 20;

  private record Seen(FileTime modified, long size, Object key, String managedContent) {}

  private final Path dir;
  private final AtomicFile.Options writeOptions;
  private final Map<String, Seen> cache = new HashMap<>();

  public FileSdWriter(Path dir) {
    this(dir, new AtomicFile.Options(AtomicFile.WORLD_READABLE));
  }

  /** {@code rename} replaces the final step of every write (a test stops a writer right before it). */
  public FileSdWriter(Path dir, AtomicFile.Rename rename) {
    this(dir, new AtomicFile.Options(AtomicFile.WORLD_READABLE, rename));
  }

  private FileSdWriter(Path dir, AtomicFile.Options writeOptions) {
    this.dir = dir;
    this.writeOptions = writeOptions;
  }

  public Path dir() {
    return dir;
  }

  /**
   * File name → content of every managed {@code *.json} file now in the directory. A file that is not UTF-8 is
   * foreign (never touched); one removed between listing and reading (e.g. by the other head node's monitor) is
   * skipped: neither fails the cycle.
   */
  public Map<String, String> managedFiles() throws IOException {
    Files.createDirectories(dir);
    Map<String, String> managed = new HashMap<>();
    Map<String, Seen> seenNow = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!FILE_NAME.matcher(name).matches()) {
          continue;
        }
        Seen seen;
        try {
          BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (!attrs.isRegularFile() || attrs.size() > MAX_MANAGED_BYTES) {
            continue;
          }
          seen = cache.get(name);
          if (seen == null || !seen.modified().equals(attrs.lastModifiedTime()) || seen.size() != attrs.size()
              || !java.util.Objects.equals(seen.key(), attrs.fileKey())) {
            seen = new Seen(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey(), managedContent(file));
          }
        } catch (NoSuchFileException gone) {
          continue; // removed since it was listed: nothing to manage
        }
        seenNow.put(name, seen);
        if (seen.managedContent() != null) {
          managed.put(name, seen.managedContent());
        }
      }
    }
    cache.clear();
    cache.putAll(seenNow);
    return managed;
  }

  /** Atomically replaces (or creates) {@code name} with {@code content}; refuses to replace a foreign file. */
  public void write(String name, String content) throws IOException {
    Path target = resolve(name);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isManaged(target)) {
      throw new IOException(target + " exists and was not written by dgxmon-role-monitor; leaving it alone");
    }
    // Prometheus may run as another user: world-readable whatever the umask.
    AtomicFile.write(target, content.getBytes(StandardCharsets.UTF_8), writeOptions);
  }

  /** Removes {@code name} if it is (still) a managed file; returns whether it did. */
  public boolean remove(String name) throws IOException {
    Path target = resolve(name);
    if (!isManaged(target)) {
      return false;
    }
    boolean removed = Files.deleteIfExists(target);
    AtomicFile.syncDirectory(dir);
    return removed;
  }

  /** The removals a previous cycle held back (empty if none). */
  public Set<String> pendingRemovals() throws IOException {
    Path file = dir.resolve(PENDING_FILE);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Set.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(n -> FILE_NAME.matcher(n).matches()).collect(Collectors.toUnmodifiableSet());
  }

  /** Records (atomically) the removals held back; an empty set deletes the record. */
  public void savePendingRemovals(Set<String> names) throws IOException {
    Path file = dir.resolve(PENDING_FILE);
    if (names.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    AtomicFile.write(file, String.join("\n", new TreeSet<>(names)) + "\n", AtomicFile.WORLD_READABLE);
  }

  /**
   * Deletes temp files ({@code .*.tmp}, ours: this directory is the monitor's) older than {@code age}, left by a
   * crash; a younger one may be in use by the other head node's monitor.
   */
  public int removeStaleTemps(Duration age) throws IOException {
    int removed = 0;
    Instant cutoff = Instant.now().minus(age);
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*" + AtomicFile.TEMP_SUFFIX)) {
      for (Path temp : temps) {
        BasicFileAttributes attrs = Files.readAttributes(temp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)
            && Files.deleteIfExists(temp)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private boolean isManaged(Path file) throws IOException {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_MANAGED_BYTES) {
        return false;
      }
      return managedContent(file) != null;
    } catch (NoSuchFileException gone) {
      return false;
    }
  }

  /** The file's content if it is a managed target file, else null (not UTF-8, or no marker: foreign). */
  private static String managedContent(Path file) throws IOException {
    String content;
    try {
      content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException notUtf8) {
      return null; // we only ever write UTF-8: someone else's file
    }
    return TargetFileFormat.isManaged(content) ? content : null;
  }

  private Path resolve(String name) {
    if (!FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a target file name: " + name);
    }
    return dir.resolve(name);
  }
}
