package io.dgxmon.deploy.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dgxmon.common.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One JSON file per target under a state directory; each worker writes only its own target's file, atomically. */
public final class StateStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path dir;

  public StateStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public TargetState load(String target) throws IOException {
    Path file = file(target);
    if (!Files.exists(file)) {
      return TargetState.EMPTY;
    }
    try {
      return JSON.readValue(file.toFile(), TargetState.class);
    } catch (IOException e) {
      throw new IOException("state file " + file + " is unreadable (" + e.getMessage() + "); move it away to "
          + "start over", e);
    }
  }

  public boolean exists(String target) {
    return Files.exists(file(target));
  }

  public void save(String target, TargetState state) throws IOException {
    Files.createDirectories(dir);
    AtomicFile.write(file(target), JSON.writeValueAsBytes(state), AtomicFile.OWNER_ONLY);
  }

  public void delete(String target) throws IOException {
    Files.deleteIfExists(file(target));
  }

  private Path file(String target) {
    return dir.resolve(target + ".json");
  }
}
