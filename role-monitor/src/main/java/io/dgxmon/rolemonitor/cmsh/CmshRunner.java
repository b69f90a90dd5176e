package io.dgxmon.rolemonitor.cmsh;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs cmsh as a child process with a deadline and a cap on what it may print. On timeout (or interrupt), or as
 * soon as stdout passes the cap, it kills the whole process tree, children first, so a hung {@code ssh} or CMDaemon
 * call never piles up across cycles and a runaway answer never fills the heap.
 */
public final class CmshRunner {
  /** stderr is only read for the failure message: its head is kept, the rest discarded. */
  private static final int MAX_STDERR_BYTES = 64 * 1024;

  /**
   * What the process did: exit code (-1 if killed), output, and how long it took. {@code outputLimitPassed} is the
   * cap when stdout went past it (the answer was cut and the process killed), else 0.
   */
  public record Run(int exitCode, String stdout, String stderr, boolean timedOut, Duration duration,
      long outputLimitPassed) {
    /** Why this run's answer cannot be used (too big, timed out, non-zero exit status), or null when it can. */
    public String failure(long timeoutSeconds) {
      if (outputLimitPassed > 0) {
        return "cmsh printed more than " + (outputLimitPassed >> 20) + " MiB (cmshMaxOutputMiB); answer refused,"
            + " process tree killed";
      }
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

  private static final BoundedOutput NOTHING = new BoundedOutput(new byte[0], 0, false);

  private final Duration timeout;
  private final int maxOutputBytes;

  public CmshRunner(Duration timeout, int maxOutputBytes) {
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
  }

  public Run run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    PollingInput stdoutPipe = new PollingInput(process.getInputStream(), process);
    PollingInput stderrPipe = new PollingInput(process.getErrorStream(), process);
    CompletableFuture<BoundedOutput> stdout = drain(stdoutPipe, maxOutputBytes, false, () -> killTree(process));
    CompletableFuture<BoundedOutput> stderr = drain(stderrPipe, MAX_STDERR_BYTES, true, () -> { });
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(process);
      }
      BoundedOutput out = collect(stdout, stdoutPipe);
      return new Run(exited ? process.exitValue() : -1, out.text(), collect(stderr, stderrPipe).text(), !exited,
          since(start), out.overLimit() ? maxOutputBytes : 0);
    } catch (InterruptedException e) {
      killTree(process);
      stdoutPipe.stop();
      stderrPipe.stop();
      throw e;
    }
  }

  /**
   * A child's pipe read without ever blocking in {@code read}: a grandchild that escaped the process tree (double
   * fork, re-parented) may keep the pipe's write end open for ever, and a thread blocked in a pipe read can be
   * neither interrupted nor woken by {@code close} (and it would also block the JDK's process reaper, which takes
   * the stream's lock). So this reads only what {@code available()} says is there, sleeps briefly when nothing is,
   * and ends (EOF) once the process has exited and everything it wrote has been read, or when {@link #stop}ped.
   * After the process exits its writes are all in the pipe, so nothing it printed is lost.
   */
  static final class PollingInput extends InputStream {
    private static final long POLL_MILLIS = 2;
    private final InputStream in;
    private final Process process;
    private volatile boolean stopped;

    PollingInput(InputStream in, Process process) {
      this.in = in;
      this.process = process;
    }

    void stop() {
      stopped = true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (!stopped) {
        boolean exited = !process.isAlive(); // before available(): what it wrote is in the pipe by then
        int available = in.available();
        if (available > 0) {
          return in.read(b, off, Math.min(len, available));
        }
        if (exited) {
          return -1;
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      stopped = true;
      in.close();
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

  private static CompletableFuture<BoundedOutput> drain(InputStream in, int limit, boolean keepDraining,
      BoundedOutput.OverLimit onOverLimit) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return BoundedOutput.read(in, limit, keepDraining, onOverLimit);
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
  private static BoundedOutput collect(CompletableFuture<BoundedOutput> output, PollingInput pipe)
      throws IOException {
    try {
      return output.get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      pipe.stop(); // the drain thread sees it within one poll and ends: no thread or pipe left behind
      return NOTHING;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
    } catch (InterruptedException e) {
      pipe.stop();
      Thread.currentThread().interrupt();
      return NOTHING;
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
