package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.Action;
import io.dgxmon.deploy.plan.ActionHandler;
import io.dgxmon.deploy.plan.CheckEndpoints;
import io.dgxmon.deploy.plan.CheckWlmProlog;
import io.dgxmon.deploy.plan.EnableUnit;
import io.dgxmon.deploy.plan.Link;
import io.dgxmon.deploy.plan.Planner;
import io.dgxmon.deploy.plan.MakeDir;
import io.dgxmon.deploy.plan.Probe;
import io.dgxmon.deploy.plan.PutFile;
import io.dgxmon.deploy.plan.PutTree;
import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.plan.RunCmsh;
import io.dgxmon.deploy.plan.RunCommand;
import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.plan.Target;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that every target holds what the plan says (files by sha256 and mode, trees, links), that units are
 * active (root /) or enabled (other roots), that the installed exporter's {@code --check} passes on each node, that
 * endpoints answer with parsable metrics and, when a Prometheus URL is configured, that Prometheus sees them
 * {@code up}.
 */
public final class Verifier {
  private final Connect connect;
  private final RunSettings settings;
  private final Progress progress;
  private final PrometheusUp prometheus;
  private final ExporterCheck exporterCheck;

  /** {@code exporterCheck}: how to run the installed exporter's {@code --check}; null: do not run it. */
  public Verifier(Connect connect, RunSettings settings, Progress progress, PrometheusUp prometheus,
      ExporterCheck exporterCheck) {
    this.connect = connect;
    this.settings = settings;
    this.progress = progress;
    this.prometheus = prometheus;
    this.exporterCheck = exporterCheck;
  }

  public List<TargetResult> run(List<TargetPlan> targets) throws InterruptedException {
    List<TargetResult> results = ParallelTargets.run(targets, settings.concurrency(), this::verify);
    results.sort(Comparator.comparing(TargetResult::target));
    return results;
  }

  private TargetResult verify(TargetPlan tp) {
    Target t = tp.target();
    List<String> problems = new ArrayList<>();
    try (RemoteHost host = connect.open(t)) {
      Checks checks = new Checks(host, t, problems);
      for (Step s : tp.steps()) {
        for (Action a : s.actions()) {
          a.handleWith(checks);
        }
      }
    } catch (IOException e) {
      problems.add(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted");
    }
    String reason = String.join("; ", problems);
    progress.step(t.name(), "verify", problems.isEmpty() ? "ok" : "FAILED: " + reason);
    return new TargetResult(t.name(), problems.isEmpty() ? 1 : 0, 1, problems.isEmpty() ? null : "verify",
        problems.isEmpty() ? null : reason, 0, 0, List.of());
  }

  /** What each kind of action should have left on the target; every difference becomes one problem. */
  private final class Checks implements ActionHandler {
    private final RemoteHost host;
    private final Target t;
    private final List<String> problems;
    private ProbeResult probe;

    Checks(RemoteHost host, Target t, List<String> problems) {
      this.host = host;
      this.t = t;
      this.problems = problems;
    }

    @Override
    public void probe(Probe p) throws IOException {
      probe = ProbeResult.parse(host.exec(RemoteCommands.probe(p), settings.commandTimeout()).stdout());
    }

    @Override
    public void putFile(PutFile f) {
      if (!probe.fileMatches(f.path(), f.payload().sha256(), f.mode())) {
        problems.add(f.path() + " is missing or differs");
      }
    }

    @Override
    public void putTree(PutTree tree) {
      if (!tree.archive().sha256().equals(probe.trees().get(tree.dir()))) {
        problems.add(tree.dir() + " is missing or differs");
      }
    }

    @Override
    public void link(Link l) {
      if (!l.target().equals(probe.links().get(l.path()))) {
        problems.add(l.path() + " does not point to " + l.target());
      }
    }

    @Override
    public void makeDir(MakeDir m) {
      // An empty directory the role monitor fills; its files are not ours to check.
    }

    @Override
    public void enableUnit(EnableUnit u) throws IOException {
      if (u.startsServices()) {
        ExecResult r = host.exec("systemctl is-active " + RemoteCommands.q(u.unit()), settings.commandTimeout());
        if (!r.ok()) {
          problems.add(u.unit() + " is " + r.stdout().trim());
        }
      } else if (!probe.links().containsKey(u.wantsLink())) {
        problems.add(u.unit() + " is not enabled under " + t.root());
      }
      if (exporterCheck != null && u.unit().equals(Planner.EXPORTER_UNIT)) {
        runExporterCheck(u);
      }
    }

    /** One line per node from the installed exporter's {@code --check}; a FAIL is a verify problem. */
    private void runExporterCheck(EnableUnit u) throws IOException {
      if (!u.startsServices()) {
        progress.step(t.name(), ExporterCheck.STEP, "skipped: installed under " + t.root() + ", where nothing runs"
            + " (a software image: run it on a node booted from the image)");
        return;
      }
      ExecResult r = host.exec(exporterCheck.command(settings.sudoFor(t.user())), settings.commandTimeout());
      ExporterCheck.Outcome outcome = ExporterCheck.summarise(r);
      progress.step(t.name(), ExporterCheck.STEP, outcome.line());
      if (exporterCheck.verbose()) {
        progress.block(t.name(), r.stdout().isBlank() ? r.stderr() : r.stdout());
      }
      if (!outcome.passed()) {
        problems.add(ExporterCheck.STEP + ": " + outcome.line());
      }
    }

    @Override
    public void checkEndpoints(CheckEndpoints e) throws IOException, InterruptedException {
      for (int port : e.ports()) {
        // With a web config (TLS/basic auth) only the connection is checked; Prometheus' up below still sees it all.
        String problem = e.webConfig() ? EndpointCheck.connects(t.address(), port)
            : EndpointCheck.once(t.address(), port);
        if (problem == null && prometheus != null) {
          problem = prometheus.check(t.address() + ":" + port);
        }
        if (problem != null) {
          problems.add(problem);
        }
      }
    }

    @Override
    public void checkWlmProlog(CheckWlmProlog w) {
      // A warning at deploy time, never a verify failure: BCM's setting is the site's choice.
    }

    @Override
    public void runCmsh(RunCmsh r) {
      // Verify never changes the target.
    }

    @Override
    public void runCommand(RunCommand r) {
      // Verify never changes the target.
    }
  }
}
