package io.dgxmon.deploy.run;

import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Several steps' root commands as one remote shell script (one channel, one shell), each step's part followed by a
 * marker line {@code <nonce> <index>} on stdout and stderr, so the output still says which steps finished and why
 * the next one failed. The nonce is 128 random bits drawn for this one command after everything it carries (file
 * contents included) was fixed: no output of a step, whatever it echoes, can print a marker it was not given.
 * Pure: the script's text and the reading of its output.
 */
final class CompoundCommand {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String MARK = "dgxmon_step_done";
  private final String nonce;
  private final List<String> parts;

  /** {@code parts}: each step's shell command, or an empty string for a step with nothing to run. */
  CompoundCommand(String nonce, List<String> parts) {
    if (!nonce.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("nonce must be 32 hex digits");
    }
    this.nonce = nonce;
    this.parts = List.copyOf(parts);
  }

  static CompoundCommand of(List<String> parts) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new CompoundCommand(HexFormat.of().formatHex(bytes), parts);
  }

  /**
   * The script: a part that fails ends it with the part's exit status before its marker is printed. The marker
   * starts with a newline, so output without a trailing newline cannot swallow it.
   */
  String script() {
    StringBuilder s = new StringBuilder(MARK).append("() { printf '\\n%s %s\\n' ").append(nonce)
        .append(" \"$1\"; printf '\\n%s %s\\n' ").append(nonce).append(" \"$1\" >&2; }\n");
    for (int i = 0; i < parts.size(); i++) {
      if (!parts.get(i).isBlank()) {
        s.append("{ ").append(parts.get(i)).append("\n} || exit $?\n");
      }
      s.append(MARK).append(' ').append(i).append('\n');
    }
    return s.toString();
  }

  /**
   * What the output says. Exit 0 means the script ran to its end, so every part finished; otherwise the parts
   * whose markers came, in order, finished, and the first one without is the one that failed.
   */
  Result read(ExecResult r) {
    List<String> out = segments(r.stdout());
    List<String> err = segments(r.stderr());
    if (r.ok()) {
      return new Result(parts.size(), out, null);
    }
    int done = Math.min(out.size() - 1, parts.size());
    String reason = done < err.size() ? firstLine(err.get(done)) : null;
    if (reason == null && done < out.size()) {
      reason = firstLine(out.get(done));
    }
    return new Result(done, out, "remote command failed (exit " + r.exitCode() + "): "
        + (reason == null ? "exit " + r.exitCode() : reason));
  }

  /** How many parts finished, each part's stdout (by index; missing for parts that printed nothing), the failure. */
  record Result(int done, List<String> stdout, String failure) {
    String stdoutOf(int part) {
      return part < stdout.size() ? stdout.get(part) : "";
    }
  }

  /** The text between markers 0, 1, 2 ... in order; a line that only looks like a marker is text. */
  private List<String> segments(String text) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.equals(nonce + " " + segments.size())) {
        segments.add(current.toString());
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    segments.add(current.toString());
    return segments;
  }

  private static String firstLine(String text) {
    return text.lines().filter(l -> !l.isBlank()).findFirst().map(String::trim).orElse(null);
  }
}
