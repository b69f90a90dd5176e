package io.dgxmon.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real programs the tests run against. Under {@code CI=true} a missing program fails the
 * test with the Debian package to install; elsewhere the test is skipped with the same message.
 */
public final class RequiredTool {
  private static final List<String> SEARCH_PATH =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private RequiredTool() {}

  /** Returns the absolute path of {@code program}, installed by Debian package {@code debianPackage}. */
  public static Path require(String program, String debianPackage) {
    return require(program, debianPackage, isCi());
  }

  static Path require(String program, String debianPackage, boolean ci) {
    Optional<Path> found = find(program);
    return found.isPresent() ? found.get() : missing(program, debianPackage, ci);
  }

  private static Path missing(String what, String debianPackage, boolean ci) {
    String message =
        what + " not found: install the Debian package '" + debianPackage
            + "' (apt-get install " + debianPackage + ", or run ./setup.sh --test as root)";
    if (ci) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** Returns {@code file} (a library, a header) installed by Debian package {@code debianPackage}. */
  public static Path requireFile(Path file, String debianPackage) {
    return requireFile(file, debianPackage, isCi());
  }

  static Path requireFile(Path file, String debianPackage, boolean ci) {
    return Files.isRegularFile(file) ? file : missing(file.toString(), debianPackage, ci);
  }

  public static Optional<Path> find(String program) {
    String pathEnv = System.getenv().getOrDefault("PATH", "");
    for (String dir : (pathEnv + ":" + String.join(":", SEARCH_PATH)).split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
