package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import io.dgxmon.deploy.plan.Payload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A JSch session reused for every command and upload of one target (one SFTP channel, opened on first use). */
final class JschHost implements RemoteHost {
  private final Session session;
  private final String name;
  private ChannelSftp sftp;

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
    ChannelExec channel = null;
    try (InputStream in = stdin == null ? InputStream.nullInputStream() : stdin.open()) {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      channel.setInputStream(in, true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      channel.setOutputStream(out);
      channel.setErrStream(err);
      long deadline = System.nanoTime() + timeout.toNanos();
      channel.connect((int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
      while (!channel.isClosed()) {
        if (System.nanoTime() > deadline) {
          throw new IOException("command timed out after " + timeout.toSeconds() + " s on " + name);
        }
        Thread.sleep(2);
      }
      return new ExecResult(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (JSchException e) {
      throw new IOException("ssh " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      if (channel != null) {
        channel.disconnect();
      }
    }
  }

  @Override
  public void upload(Payload payload, String remotePath, Duration timeout) throws IOException {
    try (InputStream in = payload.open()) {
      if (sftp == null) {
        sftp = (ChannelSftp) session.openChannel("sftp");
        // More writes in flight than JSch's default 16 keeps the pipe full on fast links.
        sftp.setBulkRequests(128);
        sftp.connect((int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
      }
      sftp.put(in, remotePath, ChannelSftp.OVERWRITE);
    } catch (JSchException | SftpException e) {
      throw new IOException("upload of " + payload.name() + " to " + name + ":" + remotePath + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (sftp != null) {
      sftp.disconnect();
    }
    session.disconnect();
  }
}
