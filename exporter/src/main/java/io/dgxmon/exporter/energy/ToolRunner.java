package io.dgxmon.exporter.energy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a program with a fixed argv, no shell, a clean environment ({@code LC_ALL=C}, a fixed {@code PATH}), stdin
 * from /dev/null, and a timeout: on timeout the program and every descendant are killed (SIGKILL) and waited for,
 * so no process is left behind. stdout and stderr are read together, at most {@link #MAX_OUTPUT} bytes kept.
 */
public final class ToolRunner implements AutoCloseable {
  static final int MAX_OUTPUT = 64 * 1024;
  private static final Duration REAP = Duration.ofSeconds(2);
  private static final File DEV_NULL = new File("/dev/null");

  /** What a run gave. {@code timedOut} runs were killed; their exit code is meaningless. */
  public record Run(int exitCode, String output, boolean timedOut) {}

  private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "dgxmon-tool-output");
    thread.setDaemon(true);
    return thread;
  });

  /** @throws IOException when the program cannot be started */
  public Run run(List<String> argv, Duration timeout) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    builder.environment().clear();
    builder.environment().put("LC_ALL", "C");
    builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    Process process = builder.start();
    Future<byte[]> output = readers.submit(() -> readCapped(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        killTree(process);
        return new Run(-1, text(output), true);
      }
      return new Run(process.exitValue(), text(output), false);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + argv.get(0));
    } finally {
      output.cancel(true);
      process.getInputStream().close();
    }
  }

  /** SIGKILLs the program's descendants, then the program, and reaps it. */
  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // killed already; the caller is shutting down
    }
  }

  /** Keeps the first {@link #MAX_OUTPUT} bytes and drains the rest, so a chatty program never blocks on its pipe. */
  private static byte[] readCapped(InputStream in) throws IOException {
    byte[] kept = new byte[MAX_OUTPUT];
    int length = 0;
    byte[] discard = new byte[8192];
    while (true) {
      int n = length < MAX_OUTPUT ? in.read(kept, length, MAX_OUTPUT - length) : in.read(discard);
      if (n < 0) {
        return Arrays.copyOf(kept, length);
      }
      if (length < MAX_OUTPUT) {
        length += n;
      }
    }
  }

  /** The output once the pipe closed; what a killed program wrote is usually there too. */
  private static String text(Future<byte[]> output) throws InterruptedException {
    try {
      return new String(output.get(REAP.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
    } catch (ExecutionException | TimeoutException e) {
      return ""; // a descendant that escaped the kill still holds the pipe; the output does not matter then
    }
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }
}
