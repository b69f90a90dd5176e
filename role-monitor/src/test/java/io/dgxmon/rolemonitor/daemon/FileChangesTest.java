package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dgxmon.rolemonitor.targets.FileSdWriter;
import io.dgxmon.rolemonitor.targets.TargetFileFormat;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import io.dgxmon.rolemonitor.targets.TargetsDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes and removals on several threads: every file whole and right, one failure costs only its own file. */
class FileChangesTest {
  private static final int FILES = 200;

  @TempDir Path dir;

  @Test
  void aMassChangeOnSeveralThreadsWritesEveryFileWholeAndOnlyTheForeignOneFails() throws Exception {
    FileSdWriter writer = new FileSdWriter(dir);
    Files.writeString(dir.resolve("node-007.json"), "[]\n"); // someone else's file: never replaced
    Map<String, String> desired = new TreeMap<>();
    for (int i = 0; i < FILES; i++) {
      desired.put(String.format("node-%03d.json", i), content("node-" + i));
    }
    FileChanges done = FileChanges.apply(writer, TargetsDiff.between(desired, Map.of()), Duration.ofMinutes(10),
        FileChanges.PARALLEL_WRITES);

    assertEquals(FILES - 1, done.written());
    assertEquals(1, done.failures().size(), done.failures().toString());
    assertEquals("node-007.json", done.failures().get(0).substring(0, "node-007.json".length()));
    assertEquals("[]\n", Files.readString(dir.resolve("node-007.json")));
    desired.remove("node-007.json");
    desired.forEach((name, text) -> assertEquals(text, read(name), name));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "a temp file was left behind");
    }
  }

  @Test
  void removalsRunOnThePoolTooAndAreCounted() throws Exception {
    FileSdWriter writer = new FileSdWriter(dir);
    Map<String, String> desired = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      desired.put("n" + i + ".json", content("n" + i));
    }
    FileChanges.apply(writer, TargetsDiff.between(desired, Map.of()), Duration.ofMinutes(10), 4);
    Map<String, String> kept = Map.of("n0.json", desired.get("n0.json"));
    FileChanges done = FileChanges.apply(writer, TargetsDiff.between(kept, writer.managedFiles()),
        Duration.ofMinutes(10), 4);
    assertEquals(new FileChanges(0, 19, List.of()), done);
    assertEquals(kept, writer.managedFiles());
  }

  private String read(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (java.io.IOException e) {
      throw new AssertionError(name, e);
    }
  }

  private static String content(String host) {
    return TargetFileFormat.render(List.of(new TargetGroup(List.of(host + ":9400"), Map.of("job", "dcgm_exporter"))));
  }
}
