package io.dgxmon.exporter.check;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The MIG map file ({@code --mig-map-file}) the service keeps for the prolog.
 *
 * @param current its content now; empty when it does not exist
 * @param problem why it could not be read
 * @param wouldWrite what the service would write after the check's NVML read; empty without NVML
 */
public record MigMapFacts(Path file, Optional<String> current, Optional<String> problem,
    Optional<String> wouldWrite) {

  static long lines(String text) {
    return text.lines().filter(line -> !line.isBlank()).count();
  }

  static long migLines(String text) {
    return text.lines().filter(line -> line.startsWith("MIG-")).count();
  }
}
