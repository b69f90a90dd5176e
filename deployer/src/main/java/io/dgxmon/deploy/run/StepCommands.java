package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.run.StepActions.Outcome;
import io.dgxmon.deploy.run.StepActions.Recorder;
import io.dgxmon.deploy.run.StepActions.StepFailure;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends the root shell commands of one target's steps: consecutive steps joined into one {@link CompoundCommand}
 * (one channel, one shell) while they fit, or a step on its own. Reports each finished step, in order.
 */
final class StepCommands {
  /** Linux limits one argument (the command sshd hands to the shell) to 128 KiB. */
  private static final int MAX_COMMAND_BYTES = 100_000;
  private final RemoteHost host;
  private final RunSettings settings;
  private final boolean sudo;
  private final Recorder recorder;
  private final List<Work> pending = new ArrayList<>();

  StepCommands(RemoteHost host, RunSettings settings, boolean sudo, Recorder recorder) {
    this.host = host;
    this.settings = settings;
    this.sudo = sudo;
    this.recorder = recorder;
  }

  /** A file or tree streamed on the stdin of its command. */
  record Streamed(String command, Payload payload, String what) {}

  /** What one step's pass over its actions decided to do on the target. */
  interface Work {
    Step step();

    /** Directories its files and links need (created first). */
    Set<String> dirs();

    /** Its streamed files, in order, before its other commands. */
    List<Streamed> streams();

    /** Its other commands, small files written inline among them. */
    List<String> batch();

    /** True when it changes something on the target. */
    boolean changes();

    /** Streams its inline files instead (quoted text too long for one command). */
    void streamInline();

    Outcome outcome(String stdout);
  }

  /**
   * Carries out {@code w} now (a step with several streams, or too long to join others), or keeps it for the
   * compound command that {@link #finish} sends: a step with a stream starts a new one.
   */
  void add(Work w, long start) throws IOException {
    if (w.streams().size() > 1 || !fits(List.of(w))) {
      finish();
      runAlone(w, start);
      return;
    }
    List<Work> joined = new ArrayList<>(pending);
    joined.add(w);
    if (!w.streams().isEmpty() || !fits(joined)) {
      finish();
    }
    pending.add(w);
  }

  /** Carries out {@code w} now, after whatever is pending. */
  void runNow(Work w, long start) throws IOException {
    finish();
    runAlone(w, start);
  }

  /** Runs the pending steps as one compound command and reports each one that finished. */
  void finish() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    List<Work> runs = List.copyOf(pending);
    pending.clear();
    long start = System.nanoTime();
    CompoundCommand compound = CompoundCommand.of(parts(runs));
    Payload stdin = runs.get(0).streams().isEmpty() ? null : runs.get(0).streams().get(0).payload();
    // Each step's command had this much time of its own before they were joined.
    Duration timeout = settings.commandTimeout().multipliedBy(runs.size());
    boolean idle = runs.stream().noneMatch(Work::changes);
    CompoundCommand.Result result = compound.read(idle ? new ExecResult(0, "", "")
        : host.exec(asRoot(compound.script()), stdin, timeout));
    // The command's time goes to the first step that had work in it; the others name that step.
    Work timed = runs.stream().filter(Work::changes).findFirst().orElse(runs.get(0));
    for (int i = 0; i < result.done(); i++) {
      Work w = runs.get(i);
      recorder.done(w.step(), w.outcome(result.stdoutOf(i)), w == timed ? seconds(start)
          : w.changes() ? " (in one command with " + timed.step().id() + ")" : "");
    }
    if (result.done() < runs.size()) {
      throw new StepFailure(result.failure(), runs.get(result.done()).step());
    }
  }

  /** Each step's part: the first also creates every directory the others need (one process for all). */
  private static List<String> parts(List<Work> runs) {
    Set<String> dirs = new LinkedHashSet<>();
    runs.forEach(w -> dirs.addAll(w.dirs()));
    List<String> parts = new ArrayList<>();
    for (Work w : runs) {
      List<String> commands = new ArrayList<>();
      if (parts.isEmpty() && !dirs.isEmpty()) {
        commands.add(RemoteCommands.ensureDirs(dirs));
      }
      w.streams().forEach(s -> commands.add(s.command()));
      commands.addAll(w.batch());
      parts.add(String.join(" && ", commands));
    }
    return parts;
  }

  private boolean fits(List<Work> runs) {
    return asRoot(CompoundCommand.of(parts(runs)).script()).getBytes(StandardCharsets.UTF_8).length
        <= MAX_COMMAND_BYTES;
  }

  /** A step on its own: its streams one command each, then its other commands in one round trip. */
  private void runAlone(Work w, long start) throws IOException {
    if (!fits(List.of(w))) {
      // Text full of quotes grows when quoted (twice with sudo): stream those files instead.
      w.streamInline();
    }
    List<String> dirs = w.dirs().isEmpty() ? List.of() : List.of(RemoteCommands.ensureDirs(w.dirs()));
    for (Streamed s : w.streams()) {
      String command = String.join(" && ", concat(dirs, List.of(s.command())));
      dirs = List.of();
      ExecResult r = host.exec(asRoot(command), s.payload(), settings.commandTimeout());
      if (!r.ok()) {
        throw new StepFailure(s.what() + " failed (exit " + r.exitCode() + "): " + r.reason());
      }
    }
    List<String> rest = concat(dirs, w.batch());
    String stdout = "";
    if (!rest.isEmpty()) {
      ExecResult r = host.exec(asRoot(String.join(" && ", rest)), settings.commandTimeout());
      if (!r.ok()) {
        throw new StepFailure("remote command failed (exit " + r.exitCode() + "): " + r.reason());
      }
      stdout = r.stdout();
    }
    recorder.done(w.step(), w.outcome(stdout), seconds(start));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private String asRoot(String command) {
    return RemoteCommands.asRoot(command, sudo);
  }

  private static String seconds(long start) {
    return String.format(java.util.Locale.ROOT, " (%.1f s)", (System.nanoTime() - start) / 1e9);
  }
}
