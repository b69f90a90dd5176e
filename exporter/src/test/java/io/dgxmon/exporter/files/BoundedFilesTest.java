package io.dgxmon.exporter.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFilesTest {
  @TempDir Path dir;
  private final List<String> logged = new ArrayList<>();
  private final BoundedFiles files = new BoundedFiles(BoundedFiles.Limits.DEFAULT, new FileProblems(logged::add));

  @Test
  void readsOnlyRegularFilesNamingEachSkippedOneOnce() throws Exception {
    Files.writeString(dir.resolve("1"), "ok\n");
    Files.createSymbolicLink(dir.resolve("2"), HostileFiles.secret(dir.resolve("shadow")));
    Files.createSymbolicLink(dir.resolve("3"), Path.of("/dev/zero"));
    HostileFiles.fifo(dir.resolve("4"));
    Files.createDirectory(dir.resolve("5"));

    for (int scrape = 0; scrape < 3; scrape++) {
      Map<String, String> read = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> files.readDirectory(dir, name -> name.matches("\\d")));
      assertEquals(Map.of("1", "ok\n"), read);
    }
    assertEquals(List.of("skipping " + dir.resolve("2") + ": not a regular file: a symbolic link (never followed)",
        "skipping " + dir.resolve("3") + ": not a regular file: a symbolic link (never followed)",
        "skipping " + dir.resolve("4") + ": not a regular file: a FIFO, socket or device",
        "skipping " + dir.resolve("5") + ": not a regular file: a directory"), logged.stream().sorted().toList());
  }

  @Test
  void anInterruptedCallerStopsReadingTheDirectoryAndLeavesThePoolUsable() throws Exception {
    for (int i = 0; i < 20; i++) {
      Files.writeString(dir.resolve(String.valueOf(i)), "ok\n");
    }
    ReadPool pool = new ReadPool(8);
    BoundedFiles bounded = new BoundedFiles(BoundedFiles.Limits.DEFAULT, new FileProblems(logged::add), pool);
    Thread.currentThread().interrupt(); // as SharedCollection.abandonInFlight does to a collection past its timeout
    try {
      assertThrows(InterruptedIOException.class, () -> bounded.readDirectory(dir, name -> true));
      assertTrue(Thread.interrupted(), "the thread stays interrupted");
    } finally {
      Thread.interrupted();
    }
    assertEquals(List.of(), logged, "an interrupt is no problem of a file");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (pool.stuckReads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10); // a read that had started returns soon: a regular file
    }
    assertEquals(0, pool.stuckReads());
    assertEquals(20, bounded.readDirectory(dir, name -> true).size(), "the pool still reads");
  }

  @Test
  void aFileOverTheCapIsSkippedWholeWithoutBeingRead() throws Exception {
    HostileFiles.huge(dir.resolve("big"), 16L << 20);
    Files.writeString(dir.resolve("edge"), "x".repeat(64 * 1024));
    assertEquals(Map.of("edge", "x".repeat(64 * 1024)), files.readDirectory(dir, name -> true));
    assertEquals(List.of("skipping " + dir.resolve("big") + ": larger than the 65536-byte limit"), logged);
  }

  @Test
  void invalidUtf8SkipsThatFileOnly() throws Exception {
    HostileFiles.latin1(dir.resolve("bad"), "user=ren", "\n");
    Files.writeString(dir.resolve("good"), "user=ren\u00e9\n");
    assertEquals(Map.of("good", "user=ren\u00e9\n"), files.readDirectory(dir, name -> true));
    assertEquals(List.of("skipping " + dir.resolve("bad") + ": not valid UTF-8"), logged);
  }

  @Test
  void aProblemIsLoggedAgainOnlyWhenItChangesOrComesBack() throws Exception {
    Path file = HostileFiles.latin1(dir.resolve("7"), "a", "");
    files.readText(file);
    files.readText(file);
    HostileFiles.huge(file, 1 << 20);
    files.readText(file);
    Files.writeString(file, "fine");
    files.readText(file);
    HostileFiles.latin1(file, "a", "");
    files.readText(file);
    assertEquals(List.of("skipping " + file + ": not valid UTF-8",
        "skipping " + file + ": larger than the 65536-byte limit", "skipping " + file + ": not valid UTF-8"), logged);
  }

  @Test
  void entriesPastTheDirectoryCapAreNotLookedAt() throws Exception {
    for (int i = 0; i < 30; i++) {
      Files.writeString(dir.resolve(String.valueOf(i)), "x");
    }
    BoundedFiles capped = new BoundedFiles(new BoundedFiles.Limits(1024, 10, Duration.ofSeconds(1)),
        new FileProblems(logged::add));
    assertEquals(10, capped.readDirectory(dir, name -> true).size());
    capped.readDirectory(dir, name -> true);
    assertEquals(List.of("skipping " + dir + ": more than 10 entries; only the first 10 (in directory order) are read"),
        logged);
  }

  @Test
  void aMissingDirectoryIsEmptyAndAVanishedFileIsNoProblem() throws Exception {
    assertEquals(Map.of(), files.readDirectory(dir.resolve("absent"), name -> true));
    assertTrue(files.readText(dir.resolve("gone")).isEmpty());
    assertEquals(List.of(), logged);
  }
}
