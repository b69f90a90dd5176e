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
import io.dgxmon.deploy.run.StepCommands.Streamed;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Carries out one target's steps. Each step's pass over its actions compares them with the probe's view; what
 * differs becomes root shell commands, which {@link StepCommands} sends (consecutive steps joined into one remote
 * command); a step that acts from the deployer (the probe, an endpoint check, cmsh) first lets what is pending run.
 * Steps are reported to the {@link Recorder} in order, as they finish. Keeps the target's install manifest up to
 * date as actions are carried out.
 */
final class StepActions {
  private final RemoteHost host;
  private final Target target;
  private final RunSettings settings;
  private final HeadCmsh headCmsh;
  private final StepCommands sender;
  private InstallManifest manifest;
  private ProbeResult probe;
  private boolean changed;

  StepActions(RemoteHost host, Target target, RunSettings settings, InstallManifest manifest, Recorder recorder) {
    this.host = host;
    this.target = target;
    this.settings = settings;
    this.manifest = manifest;
    this.sender = new StepCommands(host, settings, settings.sudoFor(target.user()), recorder);
    this.headCmsh = HeadCmsh.real(command -> host.exec(asRoot(command), settings.commandTimeout()));
  }

  /** What a step did: a short text for the progress line, upload totals and warnings. */
  record Outcome(String summary, int uploads, long bytes, List<String> warnings) {}

  /** Told about each finished step, in plan order; {@code timing} ends its progress line. */
  interface Recorder {
    void done(Step step, Outcome outcome, String timing) throws IOException;
  }

  /** Thrown when a step cannot complete; the message is the reason shown in the table. */
  static final class StepFailure extends IOException {
    private final transient Step step;

    StepFailure(String reason) {
      this(reason, null);
    }

    StepFailure(String reason, Step step) {
      super(reason);
      this.step = step;
    }

    /** The step that failed, when it is not the one being started (a step of a compound command); else null. */
    Step step() {
      return step;
    }
  }

  /** Everything installed so far, including by a step that failed halfway (uninstall removes that too). */
  InstallManifest manifest() {
    return manifest;
  }

  /** Carries out {@code step}, now or (when it can join the next compound command) at a later {@link #finish}. */
  void run(Step step) throws IOException, InterruptedException {
    long start = System.nanoTime();
    StepRun run = new StepRun(step);
    for (Action a : step.actions()) {
      // Recorded before the remote side changes, so a half-done action is still removed by uninstall.
      manifest = manifest.plus(a.installs());
      a.handleWith(run);
    }
    if (run.placesSomething()) {
      changed = true;
    }
    if (run.onDeployer) {
      sender.runNow(run, start);
    } else {
      sender.add(run, start);
    }
  }

  /** Runs what is kept for a compound command (after the last step, and before a resumed one is skipped). */
  void finish() throws IOException {
    sender.finish();
  }

  /**
   * One step's pass over its actions: what differs from the probe's view becomes the step's streams and commands
   * (small files written inline); what acts from the deployer is done now, after the pending steps.
   */
  private final class StepRun implements ActionHandler, StepCommands.Work {
    final Step step;
    final Set<String> dirs = new LinkedHashSet<>();
    final List<Streamed> streams = new ArrayList<>();
    final List<String> commands = new ArrayList<>();
    final List<PutFile> inline = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    int inlineAt = -1;
    int uploads;
    long bytes;
    String summary;
    boolean summaryFromOutput;
    boolean onDeployer;
    int plainCommands;

    StepRun(Step step) {
      this.step = step;
    }

    @Override
    public Step step() {
      return step;
    }

    @Override
    public Set<String> dirs() {
      return dirs;
    }

    @Override
    public List<Streamed> streams() {
      return streams;
    }

    @Override
    public boolean changes() {
      return !dirs.isEmpty() || !streams.isEmpty() || !commands.isEmpty() || !inline.isEmpty();
    }

    /** True when it writes, links or creates something: a plain command (the system user's) does not count. */
    boolean placesSomething() {
      return !dirs.isEmpty() || !streams.isEmpty() || !inline.isEmpty() || commands.size() > plainCommands;
    }

    @Override
    public void streamInline() {
      inline.forEach(f -> streams.add(new Streamed(RemoteCommands.receiveFile(f), f.payload(), "writing " + f.path())));
      inline.clear();
    }

    @Override
    public List<String> batch() {
      List<String> batch = new ArrayList<>(commands);
      if (!inline.isEmpty()) {
        batch.add(inlineAt, RemoteCommands.writeFiles(inline));
      }
      return batch;
    }

    @Override
    public Outcome outcome(String stdout) {
      String text = summary;
      if (summaryFromOutput) {
        text = stdout.lines().filter(l -> !l.isBlank()).reduce((x, y) -> y).orElse("done");
      } else if (text == null) {
        text = !changes() ? "unchanged" : uploads == 0 ? "updated"
            : "updated (" + uploads + " upload" + (uploads == 1 ? "" : "s") + ", " + mib(bytes) + ")";
      }
      return new Outcome(text, uploads, bytes, warnings);
    }

    void counted(Payload p) {
      uploads++;
      bytes += p.size();
    }

    /** A step acting from the deployer runs after every step before it, and on its own. */
    void onDeployer() throws IOException {
      onDeployer = true;
      sender.finish();
    }

    /** Small text files ride in the step's command; anything else is streamed in a command of its own. */
    @Override
    public void putFile(PutFile f) {
      if (probe != null && probe.fileMatches(f.path(), f.payload().sha256(), f.mode())) {
        return;
      }
      dirs.add(RemoteCommands.parent(f.path()));
      if (RemoteCommands.inlineText(f).isPresent()) {
        if (inline.isEmpty()) {
          inlineAt = commands.size();
        }
        inline.add(f);
      } else {
        streams.add(new Streamed(RemoteCommands.receiveFile(f), f.payload(), "writing " + f.path()));
      }
      counted(f.payload());
    }

    @Override
    public void putTree(PutTree t) {
      if (probe == null || !t.archive().sha256().equals(probe.trees().get(t.dir()))) {
        streams.add(new Streamed(RemoteCommands.unpack(t), t.archive(), "unpacking " + t.archive().name()));
        counted(t.archive());
      }
    }

    @Override
    public void link(Link l) {
      if (probe == null || !l.target().equals(probe.links().get(l.path()))) {
        dirs.add(RemoteCommands.parent(l.path()));
        commands.add(RemoteCommands.placeLink(l));
      }
    }

    @Override
    public void makeDir(MakeDir m) {
      if (probe == null || !probe.dirs().contains(m.path())) {
        dirs.add(m.path());
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
      onDeployer();
      summary = runProbe(p, warnings);
    }

    @Override
    public void checkEndpoints(CheckEndpoints e) throws IOException, InterruptedException {
      onDeployer();
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
      onDeployer();
      summary = headCmsh.checkWlmProlog(w, warnings);
    }

    @Override
    public void runCmsh(RunCmsh r) throws IOException, InterruptedException {
      onDeployer();
      summary = headCmsh.runCmsh(r, warnings);
    }

    /** Its last output line is the step's summary (read from the step's part of a compound command's output). */
    @Override
    public void runCommand(RunCommand r) {
      commands.add(r.command());
      plainCommands++;
      summaryFromOutput = true;
    }
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

  private String asRoot(String command) {
    return RemoteCommands.asRoot(command, settings.sudoFor(target.user()));
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
