package io.dgxmon.deploy.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dgxmon.common.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * One JSON file per target under a private state directory ({@link StateDir}); each worker writes only its own
 * target's file, atomically. Nothing here follows a symbolic link: a state file is read with O_NOFOLLOW and must be
 * a regular file, and writes go through a fresh temp file created with O_EXCL beside it, then renamed.
 */
public final class StateStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Target names are host names or image-NAME: never a path. */
  private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  /** Far above any real manifest; a bigger file is not ours. */
  private static final long MAX_BYTES = 16L << 20;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private final Path dir;

  private StateStore(Path dir) {
    this.dir = dir;
  }

  /** Creates the directory (0700) when missing and refuses one that is not private; see {@link StateDir}. */
  public static StateStore open(Path dir) throws IOException {
    return new StateStore(StateDir.open(dir));
  }

  public Path dir() {
    return dir;
  }

  public TargetState load(String target) throws IOException {
    Path file = file(target);
    if (!Files.exists(file, NOFOLLOW)) {
      return TargetState.EMPTY;
    }
    StateDir.check(dir);
    if (!Files.isRegularFile(file, NOFOLLOW) || Files.size(file) > MAX_BYTES) {
      throw new IOException("state file " + file + " is not a regular file of at most " + MAX_BYTES
          + " bytes (a symbolic link?); refusing to read it; move it away to start over");
    }
    try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, StandardOpenOption.READ, NOFOLLOW))) {
      return JSON.readValue(in, TargetState.class);
    } catch (IOException e) {
      throw new IOException("state file " + file + " is unreadable (" + e.getMessage() + "); move it away to "
          + "start over", e);
    }
  }

  public boolean exists(String target) throws IOException {
    return Files.exists(file(target), NOFOLLOW);
  }

  public void save(String target, TargetState state) throws IOException {
    StateDir.check(dir);
    AtomicFile.write(file(target), JSON.writeValueAsBytes(state), AtomicFile.OWNER_ONLY);
  }

  public void delete(String target) throws IOException {
    Files.deleteIfExists(file(target));
  }

  /** The state file of {@code target}; the name is checked so that it cannot leave the directory. */
  public Path file(String target) throws IOException {
    if (!TARGET.matcher(target).matches()) {
      throw new IOException("\"" + target + "\" cannot name a state file (expected " + TARGET.pattern() + ")");
    }
    return dir.resolve(target + ".json");
  }
}
