package io.dgxmon.e2e.stack;

import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the checkout's {@code ./setup.sh} as a user would; its output is also kept in a log file. */
public final class SetupScript {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private SetupScript() {}

  public static ProcessResult run(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(RepositoryRoot.get().resolve("setup.sh").toString()));
    command.addAll(List.of(args));
    ProcessResult result = Processes.run(TIMEOUT, Map.of(), command);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "$ " + String.join(" ", command) + "\n" + result.stdout() + result.stderr());
    return result;
  }
}
