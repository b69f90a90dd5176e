package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.dgxmon.deploy.plan.Payload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A JSch session reused for every command of one target; files are streamed on the commands' stdin. */
final class JschHost implements RemoteHost {
  private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dgxmon-ssh-timeouts");
    t.setDaemon(true);
    return t;
  });
  private final Session session;
  private final String name;

  JschHost(Session session, String name) {
    this.session = session;
    this.name = name;
  }

  @Override
  public ExecResult exec(String command, Duration timeout) throws IOException {
    return exec(command, (Payload) null, timeout);
  }

  @Override
  public ExecResult exec(String command, Payload stdin, Duration timeout) throws IOException {
    if (stdin != null && stdin.size() >= CipherWarmup.WORTH_WAITING_BYTES) {
      CipherWarmup.await();
    }
    ChannelExec channel = null;
    ScheduledFuture<?> watchdog = null;
    AtomicBoolean timedOut = new AtomicBoolean();
    try (InputStream in = stdin == null ? InputStream.nullInputStream() : stdin.open()) {
      ChannelExec c = (ChannelExec) session.openChannel("exec");
      channel = c;
      c.setCommand(command);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ClosedSignal err = new ClosedSignal();
      c.setOutputStream(out);
      c.setErrStream(err);
      // This thread writes stdin itself: JSch's stdin thread (setInputStream) dies with an NPE in Channel.start
      // when a quick command closes the channel before that thread is started.
      OutputStream toCommand = c.getOutputStream();
      // Closing the channel at the deadline also unblocks a write waiting for a command that stopped reading.
      watchdog = TIMEOUTS.schedule(() -> {
        timedOut.set(true);
        c.disconnect();
      }, timeout.toNanos(), TimeUnit.NANOSECONDS);
      c.connect((int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
      send(in, toCommand);
      // JSch closes the stderr stream only once the channel is closed (exit status received): block on that
      // instead of polling, which with 32 targets cost a core's worth of wake-ups during uploads.
      if (!err.awaitClosed(timeout) || timedOut.get()) {
        throw new IOException("command timed out after " + timeout.toSeconds() + " s on " + name);
      }
      return new ExecResult(c.getExitStatus(), out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (JSchException e) {
      throw new IOException(timedOut.get() ? "command timed out after " + timeout.toSeconds() + " s on " + name
          : "ssh " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
      if (channel != null) {
        channel.disconnect();
      }
    }
  }

  /**
   * Streams stdin to the command, then EOF. A command that exits early closes the channel: the rest is dropped
   * and its exit status and stderr tell why, so a failed write is not an error of its own.
   */
  private static void send(InputStream in, OutputStream toCommand) {
    try (toCommand) {
      in.transferTo(toCommand);
    } catch (IOException e) {
      // See above: the command's own result is what gets reported.
    }
  }

  /** Collects stderr and tells when JSch closed it, which it does after the channel itself is closed. */
  private static final class ClosedSignal extends ByteArrayOutputStream {
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void close() {
      closed.countDown();
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
      return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    session.disconnect();
  }
}
