package io.dgxmon.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void replacesTheContentAndSetsExactlyTheGivenPermissions() throws IOException {
    Path target = dir.resolve("a.json");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    AtomicFile.write(target, "new\n", AtomicFile.WORLD_READABLE);
    assertEquals("new\n", Files.readString(target));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));

    AtomicFile.write(target, "secret", AtomicFile.OWNER_ONLY);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertEquals(List.of("a.json"), names(), "no temp file is left behind");
  }

  @Test
  void theTempFileIsCompleteHiddenAndNextToTheTargetWhenTheRenameHappens() throws IOException {
    Path target = dir.resolve("dgx-01.json");
    List<String> seen = new ArrayList<>();
    AtomicFile.write(target, "whole".getBytes(), new AtomicFile.Options(AtomicFile.WORLD_READABLE, (temp, to) -> {
      seen.add(temp.getParent().equals(dir) + " " + temp.getFileName() + " " + Files.readString(temp) + " "
          + PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
      Files.move(temp, to);
    }));
    assertEquals(1, seen.size());
    assertTrue(seen.get(0).matches("true \\.dgx-01\\.json\\.[0-9a-f-]{36}\\.tmp whole rw-r--r--"), seen.get(0));
    assertTrue(AtomicFile.isTempFileName(seen.get(0).split(" ")[1], "dgx-01.json"));
    assertFalse(AtomicFile.isTempFileName("dgx-01.json", "dgx-01.json"));
  }

  @Test
  void aFailedRenameLeavesTheOldFileAndNoTemp() throws IOException {
    Path target = dir.resolve("state.json");
    Files.writeString(target, "old");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, "new".getBytes(),
        new AtomicFile.Options(AtomicFile.OWNER_ONLY, (temp, to) -> {
          throw new IOException("disk full");
        })));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("state.json"), names());
  }

  @Test
  void aMissingDirectoryIsAnErrorNotCreated() {
    Path target = dir.resolve("missing/x.json");
    assertThrows(IOException.class, () -> AtomicFile.write(target, "x", AtomicFile.WORLD_READABLE));
    assertFalse(Files.exists(dir.resolve("missing")));
  }
}
