package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
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
  void missingDirectoryIsAnEmptyMap(@TempDir Path dir) throws Exception {
    assertEquals(HpcJobMap.EMPTY, new HpcJobMapReader(dir.resolve("absent"), line -> {}).read());
  }
}
