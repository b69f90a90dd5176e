package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dgxmon.exporter.files.HostileFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpcJobMapReaderTest {
  @Test
  void readsDcgmExporterMapFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("0"), "100\n101\n100\n\n");
    Files.writeString(dir.resolve("2.1"), "200\n");
    Files.writeString(dir.resolve("3"), "");
    Files.writeString(dir.resolve("notes.txt"), "999\n");
    Files.writeString(dir.resolve("4"), "ok\nbad\u0007id\n");
    List<String> logged = new ArrayList<>();
    HpcJobMapReader reader = new HpcJobMapReader(dir, logged::add);
    HpcJobMap map = reader.read();
    assertEquals(Map.of("0", List.of("100", "101"), "2.1", List.of("200"), "3", List.of(), "4", List.of("ok")),
        map.jobsByKey());
    reader.read();
    assertEquals(1, logged.size(), "a bad line is logged once: " + logged);
  }

  @Test
  void aSymlinkToASecretIsNotFollowed(@TempDir Path dir) throws Exception {
    Path map = Files.createDirectory(dir.resolve("map"));
    Files.writeString(map.resolve("0"), "100\n");
    Files.createSymbolicLink(map.resolve("5"), HostileFiles.secret(dir.resolve("shadow")));
    List<String> logged = new ArrayList<>();
    assertEquals(Map.of("0", List.of("100")), new HpcJobMapReader(map, logged::add).read().jobsByKey());
    assertEquals(List.of("skipping " + map.resolve("5") + ": not a regular file: a symbolic link (never followed)"),
        logged);
  }

  @Test
  void aFileWithThousandsOfJobsGivesTheFirst64(@TempDir Path dir) throws Exception {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      ids.append(1000 + i).append('\n');
    }
    Files.writeString(dir.resolve("1"), ids);
    List<String> logged = new ArrayList<>();
    HpcJobMapReader reader = new HpcJobMapReader(dir, logged::add);
    List<String> jobs = reader.read().jobs("1");
    reader.read();
    assertEquals(HpcJobMapReader.MAX_JOBS_PER_FILE, jobs.size());
    assertEquals(List.of("1000", "1001"), jobs.subList(0, 2));
    assertEquals(List.of("GPU job map " + dir.resolve("1") + " lists more than 64 jobs; only the first 64 are used"),
        logged);
  }

  @Test
  void aFifoNeverBlocks(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("0"), "100\n");
    HostileFiles.fifo(dir.resolve("1"));
    HpcJobMap map = assertTimeoutPreemptively(Duration.ofSeconds(10), new HpcJobMapReader(dir, line -> {})::read);
    assertEquals(Map.of("0", List.of("100")), map.jobsByKey());
  }

  @Test
  void missingDirectoryIsAnEmptyMap(@TempDir Path dir) throws Exception {
    assertEquals(HpcJobMap.EMPTY, new HpcJobMapReader(dir.resolve("absent"), line -> {}).read());
  }
}
