package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.deploy.render.TemplateModel;
import io.dgxmon.deploy.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The head node's steps: role monitor and the job report (both on the shipped runtime), shared Slurm scripts,
 * Prometheus sample, the WLM prolog check.
 */
final class HeadSteps {
  /** Where the report is put on PATH. */
  static final String REPORT_LINK = "/usr/local/bin/dgxmon-report";
  private final DeployConfig c;
  private final Artifacts a;
  private final Target t;
  private final Planner planner;
  private final Map<String, Object> model;

  HeadSteps(DeployConfig c, Artifacts a, TemplateRenderer renderer, Target head) {
    this.c = c;
    this.a = a;
    this.t = head;
    this.planner = new Planner(renderer);
    this.model = TemplateModel.of(c, head.name());
  }

  List<StepDraft> drafts() {
    var p = c.paths();
    List<StepDraft> steps = new ArrayList<>();
    boolean roleMonitor = c.components().roleMonitor();
    if (roleMonitor) {
      steps.add(StepDraft.of("runtime", "Java runtime",
          new PutTree(t.under(p.installDir() + "/runtime"), a.runtimes().get(t.arch()))));
      steps.add(StepDraft.of("role-monitor-jar", "role monitor jar",
          new PutFile(t.under(p.installDir() + "/lib/dgxmon-role-monitor.jar"), a.roleMonitorJar(), "0644")));
      List<Action> config = new ArrayList<>(List.of(
          planner.rendered(t, p.configDir() + "/role-monitor.json", "etc/role-monitor.json", model, "0644"),
          Planner.makeDir(t, p.targetsDir())));
      if (c.roleMonitor().webConfig().isSet()) {
        config.add(Planner.webConfig(t, ExporterFiles.roleMonitorWebConfig(p.configDir()), c.roleMonitor().webConfig()));
      }
      steps.add(new StepDraft("role-monitor-config", "role monitor configuration", config, false));
      steps.add(StepDraft.of("role-monitor-unit", "systemd unit", planner.rendered(t,
          p.unitDir() + "/" + Planner.ROLE_MONITOR_UNIT, "systemd/" + Planner.ROLE_MONITOR_UNIT, model, "0644")));
      steps.add(new StepDraft("report", "dgxmon-report (job energy report)", List.of(
          new PutFile(t.under(p.installDir() + "/lib/dgxmon-report.jar"), a.reportJar(), "0644"),
          planner.rendered(t, p.installDir() + "/bin/dgxmon-report", "bin/dgxmon-report", model, "0755"),
          new Link(t.under(REPORT_LINK), p.installDir() + "/bin/dgxmon-report")), false));
    }
    if (c.components().slurmScripts()) {
      steps.add(Planner.slurmScripts(c, a, t));
    }
    if (c.components().prometheusSample()) {
      steps.add(StepDraft.of("prometheus-sample", "Prometheus scrape sample", planner.rendered(t,
          p.configDir() + "/prometheus-dgxmon.yml", "prometheus/prometheus-dgxmon.yml", model, "0644")));
    }
    if (roleMonitor) {
      steps.add(new StepDraft("enable", "enable " + Planner.ROLE_MONITOR_UNIT,
          List.of(new EnableUnit(Planner.ROLE_MONITOR_UNIT, t.root())), true));
      if (t.startsServices() && c.ports().roleMonitor() != 0) {
        steps.add(new StepDraft("endpoints", "role monitor metrics answer",
            List.of(new CheckEndpoints(List.of(c.ports().roleMonitor()),
                c.roleMonitor().webConfig().isSet())), true));
      }
    }
    if (c.components().slurmScripts()) {
      steps.add(StepDraft.of("cmsh-check", "WLM prolog is BCM's generic runner", Planner.checkWlmProlog(c)));
    }
    return steps;
  }
}
