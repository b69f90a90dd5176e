package io.dgxmon.exporter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/Exporter.md's configuration tables and {@code dgxmon-exporter --help} name the same options. */
class ExporterOptionsDocTest {
  private static final Path PAGE = Path.of("..", "docs", "Exporter.md");

  @Test
  void theConfigurationTablesHaveEveryOptionOfHelpAndNoOther() throws IOException {
    Set<String> documented = new TreeSet<>(DocumentedOptions.inTable(PAGE, "key"));
    // --config names the file the table's keys go in, so it has no row; the text above the table explains it.
    assertTrue(Files.readString(PAGE).contains("the same key in the `--config` JSON file"), PAGE.toString());
    documented.add("--config");
    // --check is a flag only (no config key); its own section documents it.
    assertTrue(Files.readString(PAGE).contains("`--check` is a flag only (no config key)"), PAGE.toString());
    documented.add("--check");
    // --web.config.file is a flag only too, in its own table ("flag") below the keys.
    documented.addAll(DocumentedOptions.inTable(PAGE, "flag"));
    DocumentedOptions.assertInStep(PAGE, documented, DocumentedOptions.inHelp(new ExporterCommand()));
  }
}
