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
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one step on one connected target: uploads what differs from the probe's view, then places everything
 * in a single root command (one round trip per step).
 */
final class StepActions {
  private final RemoteHost host;
  private final Target target;
  private final RunSettings settings;
  private final TargetState state;
  private final String staging;
  private ProbeResult probe;
  private boolean changed;

  StepActions(RemoteHost host, Target target, RunSettings settings, TargetState state) {
    this.host = host;
    this.target = target;
    this.settings = settings;
    this.state = state;
    this.staging = RemoteCommands.stagingDir(settings.stagingBase(), target);
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
    List<String> commands = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int uploads = 0;
    long bytes = 0;
    String summary = null;
    for (Action a : step.actions()) {
      if (a instanceof Probe p) {
        summary = probe(p, warnings);
      } else if (a instanceof PutFile f) {
        state.files().add(f.path());
        if (probe == null || !probe.fileMatches(f.path(), f.payload().sha256(), f.mode())) {
          String staged = upload(f.payload());
          uploads++;
          bytes += f.payload().size();
          commands.add(RemoteCommands.place(f, staged) + " && rm -f " + RemoteCommands.q(staged));
        }
      } else if (a instanceof PutTree t) {
        state.trees().add(t.dir());
        if (probe == null || !t.archive().sha256().equals(probe.trees().get(t.dir()))) {
          ExecResult r = host.exec(RemoteCommands.asRoot(RemoteCommands.unpack(t), settings.sudoFor(target.user())),
              t.archive(), settings.commandTimeout());
          if (!r.ok()) {
            throw new StepFailure("unpacking " + t.archive().name() + " failed (exit " + r.exitCode() + "): "
                + r.reason());
          }
          uploads++;
          bytes += t.archive().size();
          changed = true;
        }
      } else if (a instanceof Link l) {
        state.links().add(l.path());
        if (probe == null || !l.target().equals(probe.links().get(l.path()))) {
          commands.add(RemoteCommands.link(l));
        }
      } else if (a instanceof MakeDir m) {
        if (probe == null || !probe.dirs().contains(m.path())) {
          commands.add(RemoteCommands.mkdir(m));
        }
      } else if (a instanceof EnableUnit u) {
        state.units().add(u.unit());
        boolean enabled = probe != null && probe.links().containsKey(target.wantsLink(u.unit()));
        if (changed || !enabled || target.startsServices()) {
          commands.add(RemoteCommands.enable(u, changed));
          summary = target.startsServices() ? (changed ? "enabled and restarted" : "enabled and started")
              : "enabled under " + target.root() + " (nothing started)";
        }
      } else if (a instanceof CheckEndpoints e) {
        summary = endpoints(e);
      } else if (a instanceof CheckWlmProlog w) {
        summary = wlmProlog(w, warnings);
      } else if (a instanceof Run r) {
        summary = rootCommand(r.command()).stdout().lines().reduce((x, y) -> y).orElse("done");
      }
    }
    if (!commands.isEmpty()) {
      rootCommand(String.join(" && ", commands));
      changed = true;
    }
    if (summary == null) {
      summary = commands.isEmpty() && uploads == 0 ? "unchanged" : uploads == 0 ? "updated" : "updated (" + uploads + " upload"
          + (uploads == 1 ? "" : "s") + ", " + mib(bytes) + ")";
    }
    return new Outcome(summary, uploads, bytes, warnings);
  }

  private String probe(Probe p, List<String> warnings) throws IOException, StepFailure {
    String cmd = "install -d -m 0700 " + RemoteCommands.q(staging) + " && " + RemoteCommands.probe(p);
    ExecResult r = host.exec(cmd, settings.commandTimeout());
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

  private String upload(Payload payload) throws IOException {
    String staged = RemoteCommands.staged(staging, payload);
    host.upload(payload, staged, settings.commandTimeout());
    return staged;
  }

  private ExecResult rootCommand(String command) throws IOException, StepFailure {
    ExecResult r = host.exec(RemoteCommands.asRoot(command, settings.sudoFor(target.user())),
        settings.commandTimeout());
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
    ExecResult r = host.exec(RemoteCommands.asRoot(RemoteCommands.wlmProlog(w), settings.sudoFor(target.user())),
        settings.commandTimeout());
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
