package io.dgxmon.rolemonitor.cmsh;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs cmsh as a child process with a deadline. On timeout (or interrupt) it kills the whole process
 * tree, children first, so a hung {@code ssh} or CMDaemon call never piles up across cycles.
 */
public final class CmshRunner {
  /** Output beyond this is refused rather than risking the heap (10,000 nodes give a few MiB). */
  static final int MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

  /** What the process did: exit code (-1 if killed), output, and how long it took. */
  public record Run(int exitCode, String stdout, String stderr, boolean timedOut, Duration duration) {
    /** Why this run's answer cannot be used (timed out, non-zero exit status), or null when it can. */
    public String failure(long timeoutSeconds) {
      if (timedOut) {
        return "timed out after " + timeoutSeconds + " s (process tree killed)";
      }
      return exitCode == 0 ? null : "exit code " + exitCode + ": " + firstLine(stderr, stdout);
    }

    private static String firstLine(String... texts) {
      for (String text : texts) {
        if (!text.isBlank()) {
          return text.strip().lines().findFirst().orElse("");
        }
      }
      return "(no output)";
    }
  }

  private final Duration timeout;

  public CmshRunner(Duration timeout) {
    this.timeout = timeout;
  }

  public Run run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        return new Run(-1, collect(stdout), collect(stderr), true, since(start));
      }
      return new Run(process.exitValue(), collect(stdout), collect(stderr), false, since(start));
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    }
  }

  /** Kills descendants first: once the parent dies they are re-parented and no longer found. */
  static void killTree(Process process) {
    List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Not ours to wait for any longer (e.g. re-parented and reaped elsewhere); SIGKILL was sent.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES + 1);
        if (bytes.length > MAX_OUTPUT_BYTES) {
          throw new IOException("cmsh printed more than " + MAX_OUTPUT_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, runnable -> {
      Thread t = new Thread(runnable, "cmsh-output");
      t.setDaemon(true);
      t.start();
    });
  }

  /** Output read so far; a pipe still held open by an escaped grandchild gives up after a moment. */
  private static String collect(CompletableFuture<String> output) throws IOException {
    try {
      return output.get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      output.cancel(true);
      return "";
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
