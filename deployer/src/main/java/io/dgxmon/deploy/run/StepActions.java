package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.Action;
import io.dgxmon.deploy.plan.ActionHandler;
import io.dgxmon.deploy.plan.CheckEndpoints;
import io.dgxmon.deploy.plan.CheckWlmProlog;
import io.dgxmon.deploy.plan.EnableUnit;
import io.dgxmon.deploy.plan.InstallManifest;
import io.dgxmon.deploy.plan.Link;
import io.dgxmon.deploy.plan.MakeDir;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.Probe;
import io.dgxmon.deploy.plan.PutFile;
import io.dgxmon.deploy.plan.PutTree;
import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.plan.RunCmsh;
import io.dgxmon.deploy.plan.RunCommand;
import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.plan.Target;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one step on one connected target: streams each file or tree that differs from the probe's view
 * straight into place (one root command each), then runs the step's remaining commands in one round trip.
 * Keeps the target's install manifest up to date as actions are carried out.
 */
final class StepActions {
  /** Linux limits one argument (the command sshd hands to the shell) to 128 KiB. */
  private static final int MAX_COMMAND_BYTES = 100_000;
  private final RemoteHost host;
  private final Target target;
  private final RunSettings settings;
  private InstallManifest manifest;
  private ProbeResult probe;
  private boolean changed;
  private final HeadCmsh headCmsh;

  StepActions(RemoteHost host, Target target, RunSettings settings, InstallManifest manifest) {
    this.host = host;
    this.target = target;
    this.settings = settings;
    this.manifest = manifest;
    this.headCmsh = HeadCmsh.real(command -> host.exec(asRoot(command), settings.commandTimeout()));
  }

  /** What a step did: a short text for the progress line, upload totals and warnings. */
  record Outcome(String summary, int uploads, long bytes, List<String> warnings) {}

  /** Thrown when a step cannot complete; the message is the reason shown in the table. */
  static final class StepFailure extends IOException {
    StepFailure(String reason) {
      super(reason);
    }
  }

  /** Everything installed so far, including by a step that failed halfway (uninstall removes that too). */
  InstallManifest manifest() {
    return manifest;
  }

  Outcome run(Step step) throws IOException, InterruptedException {
    StepRun run = new StepRun();
    for (Action a : step.actions()) {
      // Recorded before the remote side changes, so a half-done action is still removed by uninstall.
      manifest = manifest.plus(a.installs());
      a.handleWith(run);
    }
    boolean ranCommands = runBatch(run);
    String summary = run.summary;
    if (summary == null) {
      summary = !ranCommands && run.uploads == 0 ? "unchanged" : run.uploads == 0 ? "updated"
          : "updated (" + run.uploads + " upload" + (run.uploads == 1 ? "" : "s") + ", " + mib(run.bytes) + ")";
    }
    return new Outcome(summary, run.uploads, run.bytes, run.warnings);
  }

  /**
   * One step's pass over its actions: what differs from the probe's view is streamed now or collected into the
   * step's single root command (small files written inline).
   */
  private final class StepRun implements ActionHandler {
    final List<String> commands = new ArrayList<>();
    final List<PutFile> inline = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    int inlineAt = -1;
    int uploads;
    long bytes;
    String summary;

    void counted(Payload p) {
      uploads++;
      bytes += p.size();
    }

    /** Small text files ride in the step's command; anything else is streamed in a command of its own. */
    @Override
    public void putFile(PutFile f) throws IOException {
      if (probe != null && probe.fileMatches(f.path(), f.payload().sha256(), f.mode())) {
        return;
      }
      if (RemoteCommands.inlineText(f).isPresent()) {
        if (inline.isEmpty()) {
          inlineAt = commands.size();
        }
        inline.add(f);
      } else {
        stream(RemoteCommands.receive(f), f.payload(), "writing " + f.path());
      }
      counted(f.payload());
    }

    @Override
    public void putTree(PutTree t) throws IOException {
      if (probe == null || !t.archive().sha256().equals(probe.trees().get(t.dir()))) {
        stream(RemoteCommands.unpack(t), t.archive(), "unpacking " + t.archive().name());
        counted(t.archive());
      }
    }

    @Override
    public void link(Link l) {
      if (probe == null || !l.target().equals(probe.links().get(l.path()))) {
        commands.add(RemoteCommands.link(l));
      }
    }

    @Override
    public void makeDir(MakeDir m) {
      if (probe == null || !probe.dirs().contains(m.path())) {
        commands.add(RemoteCommands.mkdir(m));
      }
    }

    @Override
    public void enableUnit(EnableUnit u) {
      boolean enabled = probe != null && probe.links().containsKey(u.wantsLink());
      if (!changed && enabled && !u.startsServices()) {
        return;
      }
      commands.add(RemoteCommands.enable(u, changed));
      summary = u.startsServices() ? (changed ? "enabled and restarted" : "enabled and started")
          : "enabled under " + u.root() + " (nothing started)";
    }

    @Override
    public void probe(Probe p) throws IOException {
      summary = runProbe(p, warnings);
    }

    @Override
    public void checkEndpoints(CheckEndpoints e) throws InterruptedException, StepFailure {
      for (int port : e.ports()) {
        String problem = EndpointCheck.await(target.address(), port, e.webConfig(), settings.endpointTimeout());
        if (problem != null) {
          throw new StepFailure(problem);
        }
      }
      summary = e.webConfig() ? "accepting connections on " + e.ports() + " (" + CheckEndpoints.WEB_CONFIG_NOTE + ")"
          : "answering on " + e.ports();
    }

    @Override
    public void checkWlmProlog(CheckWlmProlog w) throws IOException {
      summary = headCmsh.checkWlmProlog(w, warnings);
    }

    @Override
    public void runCmsh(RunCmsh r) throws IOException, InterruptedException {
      summary = headCmsh.runCmsh(r, warnings);
    }

    @Override
    public void runCommand(RunCommand r) throws IOException {
      summary = rootCommand(r.command()).stdout().lines().reduce((x, y) -> y).orElse("done");
    }
  }

  /** Runs the step's remaining commands in one round trip; false when there was nothing to run. */
  private boolean runBatch(StepRun run) throws IOException {
    List<String> commands = new ArrayList<>(run.commands);
    if (!run.inline.isEmpty()) {
      commands.add(run.inlineAt, RemoteCommands.writeInline(run.inline));
      if (asRoot(String.join(" && ", commands)).getBytes(StandardCharsets.UTF_8).length > MAX_COMMAND_BYTES) {
        // Text full of quotes grows when quoted (twice with sudo): stream those files instead.
        for (PutFile f : run.inline) {
          stream(RemoteCommands.receive(f), f.payload(), "writing " + f.path());
        }
        commands = run.commands;
      }
    }
    if (commands.isEmpty()) {
      return false;
    }
    rootCommand(String.join(" && ", commands));
    changed = true;
    return true;
  }

  private String runProbe(Probe p, List<String> warnings) throws IOException {
    ExecResult r = host.exec(RemoteCommands.probe(p), settings.commandTimeout());
    if (!r.ok()) {
      throw new StepFailure("probe failed: " + r.reason());
    }
    probe = ProbeResult.parse(r.stdout());
    Preflight verdict = Preflight.judge(probe, p.root(), settings.nvml(), p.minFreeMiB());
    if (!verdict.passed()) {
      throw new StepFailure(verdict.failure());
    }
    warnings.addAll(verdict.warnings());
    manifest = manifest.withCreatedDirs(p.paths().dirs().stream().filter(d -> !probe.dirs().contains(d)).toList());
    return verdict.summary();
  }

  /** One root command with {@code payload} on its stdin; the bytes go straight to where they belong. */
  private void stream(String command, Payload payload, String what) throws IOException {
    ExecResult r = host.exec(asRoot(command), payload, settings.commandTimeout());
    if (!r.ok()) {
      throw new StepFailure(what + " failed (exit " + r.exitCode() + "): " + r.reason());
    }
    changed = true;
  }

  private String asRoot(String command) {
    return RemoteCommands.asRoot(command, settings.sudoFor(target.user()));
  }

  private ExecResult rootCommand(String command) throws IOException {
    ExecResult r = host.exec(asRoot(command), settings.commandTimeout());
    if (!r.ok()) {
      throw new StepFailure("remote command failed (exit " + r.exitCode() + "): " + r.reason());
    }
    return r;
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
