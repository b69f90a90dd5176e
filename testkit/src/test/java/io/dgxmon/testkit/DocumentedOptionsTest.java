package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class DocumentedOptionsTest {
  private static final String PAGE = """
      # prog

      | exit code | meaning |
      |---|---|
      | 2 | bad `--config` |

      | option | default | meaning |
      | :--- | --- | --- |
      | `--config FILE` | `/etc/x.json` | the file |
      | --once | off | one cycle (`--once` alone means true) |
      | `-q`, `--quiet` | | less output |
      | `--listen=[HOST]:PORT` | `:9400` | where |

      | key | default | meaning |
      |---|---|---|
      | `path.cgroup.root` | `/sys/fs/cgroup` | the root |
      | `collect.fullslurm` | `false` | `--collect.fullslurm` alone means `true` |

      Options of the jar (`java -jar x.jar ...`): `--config FILE`, `--dry-run --output DIR`,
      `--resume`. Subcommands take `--verbose`.

      Later: `--not-an-option-of-the-paragraph`.
      """;

  @Command(name = "prog", mixinStandardHelpOptions = true)
  static final class Prog {
    @Option(names = {"-q", "--quiet"}) boolean quiet;
    @Option(names = "--internal", hidden = true) boolean internal;
  }

  @TempDir Path dir;

  private Path page() throws IOException {
    return Files.writeString(dir.resolve("Prog.md"), PAGE);
  }

  @Test
  void readsTheFirstColumnOfTheTableWithTheGivenHeaderWhateverItsFormat() throws IOException {
    assertEquals(Set.of("--config", "--once", "--quiet", "--listen"), DocumentedOptions.inTable(page(), "option"));
  }

  @Test
  void aKeyColumnNamesFlagsWithoutTheirDashes() throws IOException {
    assertEquals(Set.of("--path.cgroup.root", "--collect.fullslurm"), DocumentedOptions.inTable(page(), "Key"));
  }

  @Test
  void readsTheOptionsOfOneParagraph() throws IOException {
    assertEquals(Set.of("--config", "--dry-run", "--output", "--resume", "--verbose"),
        DocumentedOptions.inParagraph(page(), "Options of the jar"));
  }

  @Test
  void aMissingTableOrParagraphFailsInsteadOfComparingNothing() throws IOException {
    assertThrows(AssertionError.class, () -> DocumentedOptions.inTable(page(), "flag"));
    assertThrows(AssertionError.class, () -> DocumentedOptions.inParagraph(page(), "Options of the war"));
  }

  @Test
  void helpHasTheLongNameOfEveryVisibleOption() {
    assertEquals(Set.of("--quiet", "--help", "--version"), DocumentedOptions.inHelp(new Prog()));
  }

  @Test
  void disagreementEitherWayFailsNamingTheOptions() throws IOException {
    Path page = page();
    Set<String> documented = Set.of("--config", "--once");
    DocumentedOptions.assertInStep(page, documented, Set.of("--config", "--once", "--help", "--version"));
    AssertionError missing = assertThrows(AssertionError.class,
        () -> DocumentedOptions.assertInStep(page, documented, Set.of("--config", "--once", "--check")));
    assertTrue(missing.getMessage().contains("in --help but not on the page [--check]"), missing.getMessage());
    AssertionError stale = assertThrows(AssertionError.class,
        () -> DocumentedOptions.assertInStep(page, documented, Set.of("--config")));
    assertTrue(stale.getMessage().contains("on the page but not in --help [--once]"), stale.getMessage());
  }
}
