package io.dgxmon.deploy.run;

import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import io.dgxmon.deploy.plan.Action;
import io.dgxmon.deploy.plan.Action.CheckEndpoints;
import io.dgxmon.deploy.plan.Action.CheckWlmProlog;
import io.dgxmon.deploy.plan.Action.EnableUnit;
import io.dgxmon.deploy.plan.Action.Link;
import io.dgxmon.deploy.plan.Action.MakeDir;
import io.dgxmon.deploy.plan.Action.Probe;
import io.dgxmon.deploy.plan.Action.PutFile;
import io.dgxmon.deploy.plan.Action.PutTree;
import io.dgxmon.deploy.plan.Action.Run;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.RemoteCommands;
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
 */
final class StepActions {
  /** Linux limits one argument (the command sshd hands to the shell) to 128 KiB. */
  private static final int MAX_COMMAND_BYTES = 100_000;
  private final RemoteHost host;
  private final Target target;
  private final RunSettings settings;
  private final TargetState state;
  private ProbeResult probe;
  private boolean changed;

  StepActions(RemoteHost host, Target target, RunSettings settings, TargetState state) {
    this.host = host;
    this.target = target;
    this.settings = settings;
    this.state = state;
  }

  /** What a step did: a short text for the progress line, upload totals and warnings. */
  record Outcome(String summary, int uploads, long bytes, List<String> warnings) {}

  /** Thrown when a step cannot complete; the message is the reason shown in the table. */
  static final class StepFailure extends Exception {
    StepFailure(String reason) {
      super(reason);
    }
  }

  Outcome run(Step step) throws StepFailure, IOException, InterruptedException {
    Batch batch = new Batch();
    List<String> warnings = new ArrayList<>();
    String summary = null;
    for (Action a : step.actions()) {
      if (a instanceof Probe p) {
        summary = probe(p, warnings);
      } else if (a instanceof PutFile f) {
        putFile(f, batch);
      } else if (a instanceof PutTree t) {
        state.trees().add(t.dir());
        if (probe == null || !t.archive().sha256().equals(probe.trees().get(t.dir()))) {
          stream(RemoteCommands.unpack(t), t.archive(), "unpacking " + t.archive().name());
          batch.counted(t.archive());
        }
      } else if (a instanceof Link l) {
        state.links().add(l.path());
        if (probe == null || !l.target().equals(probe.links().get(l.path()))) {
          batch.commands.add(RemoteCommands.link(l));
        }
      } else if (a instanceof MakeDir m) {
        if (probe == null || !probe.dirs().contains(m.path())) {
          batch.commands.add(RemoteCommands.mkdir(m));
        }
      } else if (a instanceof EnableUnit u) {
        summary = enable(u, batch);
      } else if (a instanceof CheckEndpoints e) {
        summary = endpoints(e);
      } else if (a instanceof CheckWlmProlog w) {
        summary = wlmProlog(w, warnings);
      } else if (a instanceof Run r) {
        summary = rootCommand(r.command()).stdout().lines().reduce((x, y) -> y).orElse("done");
      }
    }
    boolean ranCommands = runBatch(batch);
    if (summary == null) {
      summary = !ranCommands && batch.uploads == 0 ? "unchanged" : batch.uploads == 0 ? "updated"
          : "updated (" + batch.uploads + " upload" + (batch.uploads == 1 ? "" : "s") + ", " + mib(batch.bytes) + ")";
    }
    return new Outcome(summary, batch.uploads, batch.bytes, warnings);
  }

  /** What a step still has to do once its actions were looked at: one root command, files written inline. */
  private static final class Batch {
    final List<String> commands = new ArrayList<>();
    final List<PutFile> inline = new ArrayList<>();
    int inlineAt = -1;
    int uploads;
    long bytes;

    void counted(Payload p) {
      uploads++;
      bytes += p.size();
    }
  }

  /** Small text files ride in the step's command; anything else is streamed in a command of its own. */
  private void putFile(PutFile f, Batch batch) throws IOException, StepFailure {
    state.files().add(f.path());
    if (probe != null && probe.fileMatches(f.path(), f.payload().sha256(), f.mode())) {
      return;
    }
    if (RemoteCommands.inlineText(f).isPresent()) {
      if (batch.inline.isEmpty()) {
        batch.inlineAt = batch.commands.size();
      }
      batch.inline.add(f);
    } else {
      stream(RemoteCommands.receive(f), f.payload(), "writing " + f.path());
    }
    batch.counted(f.payload());
  }

  private String enable(EnableUnit u, Batch batch) {
    state.units().add(u.unit());
    boolean enabled = probe != null && probe.links().containsKey(target.wantsLink(u.unit()));
    if (!changed && enabled && !target.startsServices()) {
      return null;
    }
    batch.commands.add(RemoteCommands.enable(u, changed));
    return target.startsServices() ? (changed ? "enabled and restarted" : "enabled and started")
        : "enabled under " + target.root() + " (nothing started)";
  }

  /** Runs the step's remaining commands in one round trip; false when there was nothing to run. */
  private boolean runBatch(Batch batch) throws IOException, StepFailure {
    List<String> commands = new ArrayList<>(batch.commands);
    if (!batch.inline.isEmpty()) {
      commands.add(batch.inlineAt, RemoteCommands.writeInline(batch.inline));
      if (asRoot(String.join(" && ", commands)).getBytes(StandardCharsets.UTF_8).length > MAX_COMMAND_BYTES) {
        // Text full of quotes grows when quoted (twice with sudo): stream those files instead.
        for (PutFile f : batch.inline) {
          stream(RemoteCommands.receive(f), f.payload(), "writing " + f.path());
        }
        commands = batch.commands;
      }
    }
    if (commands.isEmpty()) {
      return false;
    }
    rootCommand(String.join(" && ", commands));
    changed = true;
    return true;
  }

  private String probe(Probe p, List<String> warnings) throws IOException, StepFailure {
    ExecResult r = host.exec(RemoteCommands.probe(p), settings.commandTimeout());
    if (!r.ok()) {
      throw new StepFailure("probe failed: " + r.reason());
    }
    probe = ProbeResult.parse(r.stdout());
    if (!probe.systemd()) {
      throw new StepFailure(target.startsServices() ? "systemd is not running (/run/systemd/system is missing)"
          : "systemctl is not installed on the host that writes " + target.root());
    }
    if (Boolean.FALSE.equals(probe.nvml())) {
      String msg = "libnvidia-ml.so.1 not found under " + target.root() + " (NVIDIA driver missing?)";
      if (settings.nvml() == NvmlCheck.REQUIRE) {
        throw new StepFailure(msg + "; preflight.nvml is \"require\"");
      }
      warnings.add(msg + "; GPU metrics will report success 0");
    }
    if (probe.freeKiB() >= 0 && probe.freeKiB() < (long) p.minFreeMiB() * 1024) {
      throw new StepFailure("only " + probe.freeKiB() / 1024 + " MiB free under " + p.root() + ", need "
          + p.minFreeMiB() + " MiB (preflight.minFreeMiB)");
    }
    for (String dir : p.dirs()) {
      if (!probe.dirs().contains(dir) && !state.createdDirs().contains(dir)) {
        state.createdDirs().add(dir);
      }
    }
    return "ok (systemd" + (probe.nvml() == null ? "" : probe.nvml() ? ", NVML" : ", no NVML") + ", "
        + (probe.freeKiB() / 1024) + " MiB free)";
  }

  /** One root command with {@code payload} on its stdin; the bytes go straight to where they belong. */
  private void stream(String command, Payload payload, String what) throws IOException, StepFailure {
    ExecResult r = host.exec(asRoot(command), payload, settings.commandTimeout());
    if (!r.ok()) {
      throw new StepFailure(what + " failed (exit " + r.exitCode() + "): " + r.reason());
    }
    changed = true;
  }

  private String asRoot(String command) {
    return RemoteCommands.asRoot(command, settings.sudoFor(target.user()));
  }

  private ExecResult rootCommand(String command) throws IOException, StepFailure {
    ExecResult r = host.exec(asRoot(command), settings.commandTimeout());
    if (!r.ok()) {
      throw new StepFailure("remote command failed (exit " + r.exitCode() + "): " + r.reason());
    }
    return r;
  }

  private String endpoints(CheckEndpoints e) throws InterruptedException, StepFailure {
    for (int port : e.ports()) {
      String problem = EndpointCheck.await(target.address(), port, settings.endpointTimeout());
      if (problem != null) {
        throw new StepFailure(problem);
      }
    }
    return "answering on " + e.ports();
  }

  private String wlmProlog(CheckWlmProlog w, List<String> warnings) throws IOException {
    ExecResult r = host.exec(asRoot(RemoteCommands.wlmProlog(w)), settings.commandTimeout());
    String prolog = r.stdout().trim();
    if (!r.ok()) {
      warnings.add("cannot ask cmsh for the Slurm prolog: " + r.reason());
      return "not checked";
    }
    if (!prolog.equals(RemoteCommands.BCM_PROLOG_RUNNER)) {
      warnings.add("Slurm's prolog is \"" + prolog + "\", not BCM's generic runner " + RemoteCommands.BCM_PROLOG_RUNNER
          + ": the 60- links in prologs/ and epilogs/ will not run");
      return "prolog is not BCM's runner";
    }
    return "prolog is BCM's generic runner";
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
