package io.dgxmon.rolemonitor.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.Await;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets directory: atomic writes, foreign files untouched, crashes and concurrent writers. */
class FileSdWriterTest {
  @TempDir Path dir;

  private static String file(String host, int port) {
    return TargetFileFormat.render(List.of(new TargetGroup(List.of(host + ":" + port), Map.of("job", "node_exporter"))));
  }

  private List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names.stream().sorted().toList();
  }

  @Test
  void writesReadableFilesAndListsOnlyManagedOnes() throws Exception {
    FileSdWriter writer = new FileSdWriter(dir);
    writer.write("dgx-01.json", file("dgx-01", 9100));
    Files.writeString(dir.resolve("static.json"), "[{\"targets\":[\"x:1\"],\"labels\":{}}]");
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("dgx-01.json"));
    assertEquals(Map.of("dgx-01.json", file("dgx-01", 9100)), writer.managedFiles());
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dgx-01.json"))));
    assertEquals(List.of("dgx-01.json", "link.json", "notes.txt", "static.json"), names());
  }

  @Test
  void neverReplacesOrRemovesAForeignFile() throws Exception {
    FileSdWriter writer = new FileSdWriter(dir);
    Files.writeString(dir.resolve("dgx-02.json"), "[]");
    assertThrows(IOException.class, () -> writer.write("dgx-02.json", file("dgx-02", 9100)));
    assertFalse(writer.remove("dgx-02.json"));
    assertEquals("[]", Files.readString(dir.resolve("dgx-02.json")));
    assertThrows(IllegalArgumentException.class, () -> writer.write("../x.json", "[]"));
    writer.write("dgx-03.json", file("dgx-03", 9100));
    assertTrue(writer.remove("dgx-03.json"));
    assertEquals(List.of("dgx-02.json"), names());
  }

  @Test
  void aFileThatIsNotUtf8IsForeignAndNeverFailsTheListing() throws Exception {
    FileSdWriter writer = new FileSdWriter(dir);
    writer.write("dgx-01.json", file("dgx-01", 9100));
    byte[] latin1 = {'[', '"', (byte) 0xe9, (byte) 0xff, '"', ']'};
    Files.write(dir.resolve("dgx-02.json"), latin1);
    assertEquals(Map.of("dgx-01.json", file("dgx-01", 9100)), writer.managedFiles());
    assertThrows(IOException.class, () -> writer.write("dgx-02.json", file("dgx-02", 9100)));
    assertFalse(writer.remove("dgx-02.json"));
    assertArrayEquals(latin1, Files.readAllBytes(dir.resolve("dgx-02.json")));
  }

  @Test
  void aFileRemovedWhileTheDirectoryIsReadIsSkipped() throws Exception {
    FileSdWriter writer = new FileSdWriter(dir);
    for (int i = 0; i < 200; i++) {
      writer.write("keep-" + i + ".json", file("keep-" + i, 9100));
    }
    // The other head node's monitor removes and re-creates files all the time (new names: nothing cached).
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger churned = new AtomicInteger();
    Thread other = new Thread(() -> {
      FileSdWriter second = new FileSdWriter(dir);
      for (int n = 0; !stop.get(); n++) {
        try {
          String name = "gone-" + (n % 50) + ".json";
          second.write(name, file("gone", n));
          second.remove(name);
          churned.incrementAndGet();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    other.start();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < end) {
        Map<String, String> managed = writer.managedFiles();
        assertTrue(managed.size() >= 200, "the 200 files nobody removes are always listed");
      }
    } finally {
      stop.set(true);
      other.join();
    }
    assertTrue(churned.get() > 0);
  }

  @Test
  void killMinus9BetweenWriteAndRenameLeavesTheOldFileWholeAndOnlyAHiddenTemp() throws Exception {
    FileSdWriter writer = new FileSdWriter(dir);
    writer.write("dgx-01.json", file("dgx-01", 9100));
    Path ready = dir.getParent().resolve(dir.getFileName() + ".ready");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StalledWriterMain.class.getName(), dir.toString(), "dgx-01.json", file("dgx-01", 19100), ready.toString())
        .redirectErrorStream(true).start();
    try {
      Await.until("the child to reach the rename", Duration.ofSeconds(60), () -> reachedRename(child, ready));
      Path temp = Path.of(Files.readString(ready));
      assertEquals(file("dgx-01", 19100), Files.readString(temp), "temp file is complete and fsynced before rename");
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue());
      assertEquals(file("dgx-01", 9100), Files.readString(dir.resolve("dgx-01.json")));
      // Prometheus reads '*.json': the leftover is hidden and ends in .tmp, so it is never read.
      assertEquals(List.of(temp.getFileName().toString(), "dgx-01.json"), names());
      assertTrue(temp.getFileName().toString().matches("\\.dgx-01\\.json\\.[0-9a-f-]+\\.tmp"));
      assertEquals(0, writer.removeStaleTemps(Duration.ofMinutes(10)), "a young temp may be another writer's");
      assertEquals(1, writer.removeStaleTemps(Duration.ZERO));
      assertEquals(List.of("dgx-01.json"), names());
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(ready);
    }
  }

  /** Whether the child wrote {@code ready}; a child that exited first never will. */
  private static boolean reachedRename(Process child, Path ready) {
    if (Files.exists(ready)) {
      return true;
    }
    if (!child.isAlive()) {
      throw new AssertionError("the child exited " + child.exitValue() + " before reaching the rename");
    }
    return false;
  }

  @Test
  void twoWritersOnOneDirectoryNeverExposeAPartialFile() throws Exception {
    FileSdWriter first = new FileSdWriter(dir);
    FileSdWriter second = new FileSdWriter(dir);
    first.write("dgx-01.json", file("dgx-01", 1));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    List<String> bad = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        try {
          String content = Files.readString(dir.resolve("dgx-01.json"));
          reads.incrementAndGet();
          if (!TargetFileFormat.isManaged(content)) {
            bad.add(content);
          }
        } catch (IOException e) {
          bad.add(e.toString());
        }
      }
    });
    reader.start();
    List<Thread> writers = new ArrayList<>();
    for (FileSdWriter w : List.of(first, second)) {
      Thread t = new Thread(() -> {
        for (int i = 0; i < 300; i++) {
          try {
            w.write("dgx-01.json", file("dgx-01", 1000 + i));
          } catch (IOException e) {
            bad.add(e.toString());
          }
        }
      });
      t.start();
      writers.add(t);
    }
    for (Thread t : writers) {
      t.join();
    }
    done.set(true);
    reader.join();
    assertEquals(List.of(), bad);
    assertTrue(reads.get() > 0);
    assertEquals(List.of("dgx-01.json"), names());
  }
}
