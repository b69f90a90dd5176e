package io.dgxmon.deploy.ssh;

import io.dgxmon.deploy.plan.Payload;
import java.io.IOException;
import java.time.Duration;

/** One open connection to a target host: commands and uploads over the same session. */
public interface RemoteHost extends AutoCloseable {

  /** Runs {@code command} through the login shell; a command that outlives {@code timeout} is cut off. */
  ExecResult exec(String command, Duration timeout) throws IOException;

  /** Like {@link #exec(String, Duration)}, with {@code stdin} streamed to the command. */
  ExecResult exec(String command, Payload stdin, Duration timeout) throws IOException;

  /** Writes {@code payload} to {@code remotePath} (the directory must exist and be writable by the SSH user). */
  void upload(Payload payload, String remotePath, Duration timeout) throws IOException;

  @Override
  void close();

  /** What a remote command printed and how it ended. */
  record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The first non-empty line of stderr (else stdout), for one-line failure reasons. */
    public String reason() {
      String text = stderr.isBlank() ? stdout : stderr;
      return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + exitCode).trim();
    }
  }
}
