package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.Action;
import io.dgxmon.deploy.plan.Action.CheckEndpoints;
import io.dgxmon.deploy.plan.Action.EnableUnit;
import io.dgxmon.deploy.plan.Action.Link;
import io.dgxmon.deploy.plan.Action.Probe;
import io.dgxmon.deploy.plan.Action.PutFile;
import io.dgxmon.deploy.plan.Action.PutTree;
import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.plan.Target;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that every target holds what the plan says (files by sha256 and mode, trees, links), that units are
 * active (root /) or enabled (other roots), that endpoints answer with parsable metrics and, when a Prometheus URL is
 * configured, that Prometheus sees them {@code up}.
 */
public final class Verifier {
  private final Connect connect;
  private final RunSettings settings;
  private final Progress progress;
  private final PrometheusUp prometheus;

  public Verifier(Connect connect, RunSettings settings, Progress progress, PrometheusUp prometheus) {
    this.connect = connect;
    this.settings = settings;
    this.progress = progress;
    this.prometheus = prometheus;
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
      ProbeResult probe = null;
      for (Step s : tp.steps()) {
        for (Action a : s.actions()) {
          if (a instanceof Probe p) {
            ExecResult r = host.exec(RemoteCommands.probe(p), settings.commandTimeout());
            probe = ProbeResult.parse(r.stdout());
          } else {
            check(a, t, probe, host, problems);
          }
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

  private void check(Action a, Target t, ProbeResult probe, RemoteHost host, List<String> problems)
      throws IOException, InterruptedException {
    if (a instanceof PutFile f && !probe.fileMatches(f.path(), f.payload().sha256(), f.mode())) {
      problems.add(f.path() + " is missing or differs");
    } else if (a instanceof PutTree tree && !tree.archive().sha256().equals(probe.trees().get(tree.dir()))) {
      problems.add(tree.dir() + " is missing or differs");
    } else if (a instanceof Link l && !l.target().equals(probe.links().get(l.path()))) {
      problems.add(l.path() + " does not point to " + l.target());
    } else if (a instanceof EnableUnit u) {
      if (t.startsServices()) {
        ExecResult r = host.exec("systemctl is-active " + RemoteCommands.q(u.unit()), settings.commandTimeout());
        if (!r.ok()) {
          problems.add(u.unit() + " is " + r.stdout().trim());
        }
      } else if (!probe.links().containsKey(t.wantsLink(u.unit()))) {
        problems.add(u.unit() + " is not enabled under " + t.root());
      }
    } else if (a instanceof CheckEndpoints e) {
      for (int port : e.ports()) {
        String problem = EndpointCheck.once(t.address(), port);
        if (problem != null) {
          problems.add(problem);
        } else if (prometheus != null) {
          String up = prometheus.check(t.address() + ":" + port);
          if (up != null) {
            problems.add(up);
          }
        }
      }
    }
  }
}
