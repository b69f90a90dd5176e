package io.dgxmon.exporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The exporter's systemd unit in this repository, and the JVM flags its ExecStart gives. */
public final class SystemdUnit {
  private SystemdUnit() {}

  /** {@code systemd/dgxmon-exporter.service}, found from the exporter module or the repository root. */
  public static Path path() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path unit = dir.resolve("systemd/dgxmon-exporter.service");
      if (Files.isRegularFile(unit)) {
        return unit;
      }
    }
    throw new IllegalStateException("systemd/dgxmon-exporter.service not found above " + here);
  }

  public static String text() {
    try {
      return Files.readString(path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ExecStart= with its continuation lines joined. */
  public static String execStart() {
    String joined = text().replace("\\\n", " ");
    return joined.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
        .substring("ExecStart=".length()).replaceAll("\\s+", " ").trim();
  }

  /** The JVM options between the java binary and {@code -jar}. */
  public static List<String> jvmFlags() {
    List<String> words = Arrays.asList(execStart().split(" "));
    return new ArrayList<>(words.subList(1, words.indexOf("-jar")));
  }
}
