package io.dgxmon.deploy.cmsh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * cmsh on this machine (the wizard runs on the head node): found on PATH or at BCM's install path, run as a process.
 */
public final class LocalCmsh implements ClusterDiscovery.CmshRunner {
  /** Where BCM installs cmsh (ADM11 §2.5.1). */
  public static final String BCM_PATH = "/cm/local/apps/cmd/bin/cmsh";
  private final Duration timeout;

  public LocalCmsh(Duration timeout) {
    this.timeout = timeout;
  }

  /** cmsh on {@code pathVariable} (a PATH value), else at {@link #BCM_PATH}; empty when neither is executable. */
  public static Optional<Path> find(String pathVariable) {
    if (pathVariable != null) {
      for (String dir : pathVariable.split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "cmsh");
        if (Files.isExecutable(candidate) && Files.isRegularFile(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    Path bcm = Path.of(BCM_PATH);
    return Files.isExecutable(bcm) ? Optional.of(bcm) : Optional.empty();
  }

  @Override
  public String run(CmshCall call) throws IOException, InterruptedException {
    Path answer = Files.createTempFile("dgxmon-cmsh", ".out");
    try {
      // Into a file, so a cmsh that hangs with its output open cannot block us past the timeout.
      Process p = new ProcessBuilder(call.argv()).redirectErrorStream(true).redirectOutput(answer.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException("cmsh did not answer within " + timeout.toSeconds() + " s: " + call.script());
      }
      String text = Files.readString(answer, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException("cmsh exited " + p.exitValue() + " for '" + call.script() + "': " + text.strip());
      }
      return text;
    } finally {
      Files.deleteIfExists(answer);
    }
  }
}
