package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LdconfigCacheTest {
  private static final String OUTPUT = """
      1234 libs found in cache `/etc/ld.so.cache'
      \tlibnvidia-ml.so.1 (libc6) => /usr/lib/i386-linux-gnu/libnvidia-ml.so.1
      \tlibnvidia-ml.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1
      \tlibnvidia-ml.so (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvidia-ml.so
      """;

  @Test
  void prefersTheEntryForThisArchitecture() {
    assertEquals(Optional.of(Path.of("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1")),
        LdconfigCache.find(OUTPUT, "libnvidia-ml.so.1", "amd64"));
    assertEquals(Optional.empty(), LdconfigCache.find(OUTPUT, "libcuda.so.1", "amd64"));
  }
}
