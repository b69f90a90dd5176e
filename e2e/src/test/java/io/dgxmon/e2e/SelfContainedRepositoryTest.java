package io.dgxmon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.e2e.stack.RepositoryRoot;
import io.dgxmon.testkit.Processes;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: no tracked file points at the project's shared notes outside it. The one exception is
 * testkit's SharedFixtures, the single place that names the folder of real-world captures tests compare against.
 */
class SelfContainedRepositoryTest {
  /** The folder's name, spelled so that this file itself contains no path into it (it is scanned too). */
  private static final String SHARED = String.join("", "sha", "red");
  /** A path into the shared folder beside the checkout, relative or absolute. */
  private static final Pattern OUTSIDE =
      Pattern.compile("\\.\\./(\\.\\./)*" + SHARED + "\\b|/work/" + SHARED + "\\b");
  private static final Set<String> ALLOWED = Set.of("testkit/src/main/java/io/dgxmon/testkit/SharedFixtures.java");

  @Test
  void noTrackedFilePointsOutsideTheRepository() throws IOException {
    Path root = RepositoryRoot.get();
    List<String> found = new ArrayList<>();
    for (String file : trackedFiles(root)) {
      if (!ALLOWED.contains(file)) {
        String text = textOf(root.resolve(file));
        found.addAll(outsideReferences(file, text == null ? "" : text));
      }
    }
    assertEquals(List.of(), found, "cite docs/reference/ instead; tests read captures through SharedFixtures");
  }

  @Test
  void findsRelativeAndAbsoluteReferencesWithTheirLine() {
    String text = ("intro\nsee `../{s}/reference/cmsh.md` §2\nPath.of(\"../../{s}/fixtures/x\")\n"
        + "cat /work/{s}/reference/exporters.md\n/cm/{s}/apps/slurm is BCM's, not ours\n").replace("{s}", SHARED);
    assertEquals(List.of("docs/X.md:2: ../" + SHARED, "docs/X.md:3: ../../" + SHARED, "docs/X.md:4: /work/" + SHARED),
        outsideReferences("docs/X.md", text));
  }

  static List<String> outsideReferences(String file, String text) {
    List<String> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = OUTSIDE.matcher(lines[i]);
      while (m.find()) {
        found.add(file + ":" + (i + 1) + ": " + m.group());
      }
    }
    return found;
  }

  private static List<String> trackedFiles(Path root) {
    var result = Processes.run(Duration.ofSeconds(30), "git", "-C", root.toString(), "ls-files", "-z");
    assertTrue(result.succeeded(), "git ls-files in " + root + ": " + result.stderr());
    return List.of(result.stdout().split("\0")).stream().filter(f -> !f.isEmpty()).toList();
  }

  /** The file's text, or null for a binary file (or one deleted but not yet committed). */
  private static String textOf(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
