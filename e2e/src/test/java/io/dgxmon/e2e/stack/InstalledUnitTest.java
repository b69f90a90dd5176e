package io.dgxmon.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstalledUnitTest {
  @Test
  void continuationLinesAreJoinedAndAbsolutePathsMovedUnderTheRoot() {
    String unit = """
        [Service]
        Type=simple
        ExecStart=/opt/dgxmon/runtime/bin/java \\
            -XX:+UseSerialGC -Xmx48m \\
            -Dorg.bytedeco.javacpp.cachedir=/var/cache/dgxmon \\
            -jar /opt/dgxmon/lib/dgxmon-exporter.jar --config /etc/dgxmon/exporter.json
        Restart=on-failure
        """;
    List<String> words = InstalledUnit.underRoot(Path.of("/r"), InstalledUnit.execStart(unit, "u"));
    assertEquals(List.of("/r/opt/dgxmon/runtime/bin/java", "-XX:+UseSerialGC", "-Xmx48m",
        "-Dorg.bytedeco.javacpp.cachedir=/r/var/cache/dgxmon", "-jar", "/r/opt/dgxmon/lib/dgxmon-exporter.jar",
        "--config", "/r/etc/dgxmon/exporter.json"), words);
  }

  @Test
  void quotingAndSpecifiersAreRefusedRatherThanGuessed() {
    assertThrows(IllegalArgumentException.class, () -> InstalledUnit.execStart("ExecStart=/bin/x '%h a'\n", "u"));
    assertThrows(IllegalArgumentException.class, () -> InstalledUnit.execStart("[Service]\n", "u"));
  }
}
