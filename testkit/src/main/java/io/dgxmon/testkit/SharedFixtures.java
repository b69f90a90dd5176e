package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real-world captures (other projects' expected outputs, dashboards, vendors' tool outputs) that tests compare
 * against but the repository must not copy: they sit in the shared fixtures folder beside the checkout,
 * {@code ../shared/fixtures/}, each with its source and licence. This class is the one place that names that folder.
 */
public final class SharedFixtures {
  /** The folder, relative to the checkout's root. */
  static final String FOLDER = "../shared/fixtures";

  private SharedFixtures() {}

  /**
   * The fixture at {@code relative} (e.g. {@code dcgm-exporter/etc/default-counters.csv}); a missing one fails the
   * test naming it, never skips it: a test that silently stops comparing with the outside world proves nothing.
   */
  public static Path require(String relative) {
    return require(checkoutRoot(Path.of("").toAbsolutePath()), relative);
  }

  static Path require(Path checkoutRoot, String relative) {
    Path fixture = checkoutRoot.resolve(FOLDER).resolve(relative).normalize();
    if (!Files.isRegularFile(fixture)) {
      fail("real-world fixture " + relative + " not found at " + fixture + ": this test compares with a capture"
          + " from the shared fixtures folder beside the checkout (" + FOLDER + "/, see its README)");
    }
    return fixture;
  }

  /** The nearest directory at or above {@code start} with setup.sh: the checkout (tests run in a module dir). */
  static Path checkoutRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("setup.sh")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no dgxmon checkout (setup.sh, pom.xml) at or above " + start);
  }
}
