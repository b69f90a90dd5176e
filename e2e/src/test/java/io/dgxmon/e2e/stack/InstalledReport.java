package io.dgxmon.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The head node's installed dgxmon-report, run the way its launcher runs it (the launcher's absolute paths mapped
 * into the head node's root): the shipped runtime and jar.
 */
public final class InstalledReport {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String INSTALL_DIR = "/opt/dgxmon";

  private final Path headRoot;

  public InstalledReport(Path headRoot) {
    this.headRoot = headRoot;
  }

  /** Checks what the deployer installed: the launcher (on PATH through /usr/local/bin) execs runtime + jar. */
  public void assertInstalled() throws IOException {
    Path launcher = headRoot.resolve("opt/dgxmon/bin/dgxmon-report");
    assertTrue(Files.isExecutable(launcher), launcher.toString());
    assertEquals(Path.of(INSTALL_DIR + "/bin/dgxmon-report"),
        Files.readSymbolicLink(headRoot.resolve("usr/local/bin/dgxmon-report")));
    String text = Files.readString(launcher);
    assertTrue(text.contains("exec " + INSTALL_DIR + "/runtime/bin/java ") && text.contains("-jar " + INSTALL_DIR
        + "/lib/dgxmon-report.jar \"$@\""), text);
  }

  public ProcessResult run(String... args) {
    List<String> command = new ArrayList<>(List.of(headRoot.resolve("opt/dgxmon/runtime/bin/java").toString(),
        "-jar", headRoot.resolve("opt/dgxmon/lib/dgxmon-report.jar").toString()));
    command.addAll(List.of(args));
    return Processes.run(TIMEOUT, Map.of(), command);
  }
}
