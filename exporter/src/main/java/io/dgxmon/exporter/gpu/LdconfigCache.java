package io.dgxmon.exporter.gpu;

import java.nio.file.Path;
import java.util.Optional;

/** Finds a library in {@code ldconfig -p} output, preferring the entry built for this JVM's architecture. */
final class LdconfigCache {
  private LdconfigCache() {}

  /**
   * Lines look like {@code \tlibnvidia-ml.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1};
   * {@code osArch} is Java's {@code os.arch} ({@code amd64} or {@code aarch64}).
   */
  static Optional<Path> find(String ldconfigOutput, String soname, String osArch) {
    String wanted = "amd64".equals(osArch) || "x86_64".equals(osArch) ? "x86-64" : "AArch64";
    Optional<Path> any = Optional.empty();
    for (String line : ldconfigOutput.split("\n")) {
      String trimmed = line.trim();
      int arrow = trimmed.indexOf(" => ");
      if (arrow < 0 || !trimmed.startsWith(soname + " ")) {
        continue;
      }
      Path path = Path.of(trimmed.substring(arrow + 4).trim());
      if (trimmed.substring(0, arrow).contains(wanted)) {
        return Optional.of(path);
      }
      any = any.or(() -> Optional.of(path));
    }
    return any;
  }
}
