package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.deploy.config.DeployConfig.NodeGroup;
import io.dgxmon.deploy.render.TemplateModel;
import io.dgxmon.deploy.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pure core of the deployer: config + artifacts → the ordered steps of every target. */
public final class Planner {
  public static final String EXPORTER_UNIT = "dgxmon-exporter.service";
  public static final String ROLE_MONITOR_UNIT = "dgxmon-role-monitor.service";
  /** The system user the exporter's unit runs as (User= in templates/systemd/dgxmon-exporter.service.ftl). */
  public static final String EXPORTER_USER = "dgxmon";

  private final TemplateRenderer renderer;

  public Planner(TemplateRenderer renderer) {
    this.renderer = renderer;
  }

  public DeploymentPlan plan(DeployConfig c, Artifacts a) {
    List<TargetPlan> plans = new ArrayList<>();
    Target head = c.hasHeadNode() ? headTarget(c) : null;
    if (head != null) {
      List<StepDraft> headSteps = new HeadSteps(c, a, renderer, head).drafts();
      if (!headSteps.isEmpty()) {
        plans.add(StepDraft.finish(head, headSteps, c));
      }
    }
    for (Target t : nodeTargets(c, head)) {
      plans.add(StepDraft.finish(t, nodeSteps(c, a, t), c));
    }
    return new DeploymentPlan(List.copyOf(plans), head == null ? null : FinishSteps.plan(c, head));
  }

  private static Target headTarget(DeployConfig c) {
    var h = c.headNode();
    return new Target(h.host(), Target.Kind.HEAD, h.address(), h.port(), h.user(), h.targetRoot(), "x86_64");
  }

  /** One target per SSH node, and one per software image (reached through the head node). */
  static List<Target> nodeTargets(DeployConfig c, Target head) {
    Map<String, Target> targets = new LinkedHashMap<>();
    for (NodeGroup g : c.nodes()) {
      if (g.softwareImage() != null) {
        String name = "image-" + g.softwareImage();
        targets.putIfAbsent(name, new Target(name, Target.Kind.IMAGE, head.address(), head.port(), head.user(),
            head.under(g.targetRoot()), g.arch()));
        continue;
      }
      for (String host : g.hosts()) {
        String address = g.address() != null ? g.address() : host;
        targets.put(host, new Target(host, Target.Kind.NODE, address, g.port(), g.user(), g.targetRoot(), g.arch()));
      }
    }
    return List.copyOf(targets.values());
  }

  private List<StepDraft> nodeSteps(DeployConfig c, Artifacts a, Target t) {
    var p = c.paths();
    List<StepDraft> steps = new ArrayList<>();
    Map<String, Object> model = TemplateModel.of(c, t.kind() == Target.Kind.NODE ? t.name() : "");
    if (c.components().exporter()) {
      steps.add(StepDraft.of("runtime", "Java runtime", new PutTree(t.under(ExporterFiles.runtimeDir(p.installDir())),
          a.runtimes().get(t.arch()))));
      steps.add(StepDraft.of("exporter-jar", "exporter jar",
          new PutFile(t.under(ExporterFiles.jar(p.installDir())), a.exporterJar(), "0644")));
    }
    List<Action> config = new ArrayList<>();
    if (c.components().exporter()) {
      config.add(rendered(t, ExporterFiles.config(p.configDir()), "etc/exporter.json", model, "0644"));
      if (c.exporter().webConfig().isSet()) {
        config.add(webConfig(t, ExporterFiles.webConfig(p.configDir()), c.exporter().webConfig()));
      }
    }
    if (c.components().slurmScripts()) {
      config.add(rendered(t, p.configDir() + "/slurm.env", "etc/slurm.env", model, "0644"));
    }
    steps.add(new StepDraft("config", "configuration files", config, false));
    if (c.components().exporter()) {
      steps.add(StepDraft.of("exporter-unit", "systemd unit",
          rendered(t, p.unitDir() + "/" + EXPORTER_UNIT, "systemd/" + EXPORTER_UNIT, model, "0644")));
    }
    if (c.components().slurmScripts()) {
      if (!c.hasHeadNode()) {
        steps.add(slurmScripts(c, a, t));
      }
      String local = p.localSlurmDir();
      String shared = p.sharedSlurmDir();
      steps.add(new StepDraft("slurm-links", "60- prolog/epilog links", List.of(
          new Link(t.under(local + "/prologs/60-prolog-dgxmon.sh"), shared + "/prolog-dgxmon.sh"),
          new Link(t.under(local + "/epilogs/60-epilog-dgxmon.sh"), shared + "/epilog-dgxmon.sh")), false));
    }
    if (c.components().exporter()) {
      // Before the unit starts: systemd refuses to start a unit whose User= does not exist (status 217/USER).
      steps.add(StepDraft.of("exporter-user", "system user " + EXPORTER_USER,
          new RunCommand(RemoteCommands.createSystemUser(EXPORTER_USER, t.root()))));
      steps.add(new StepDraft("enable", "enable " + EXPORTER_UNIT,
          List.of(new EnableUnit(EXPORTER_UNIT, t.root())), true));
      List<Integer> ports = exporterPorts(c);
      if (t.startsServices()) {
        steps.add(new StepDraft("endpoints", "endpoints answer", List.of(new CheckEndpoints(ports,
            c.exporter().webConfig().isSet())), true));
      }
    }
    return steps;
  }

  static List<Integer> exporterPorts(DeployConfig c) {
    return java.util.stream.IntStream.of(c.ports().dcgm(), c.ports().gpu(), c.ports().cgroup())
        .filter(port -> port != 0).boxed().toList();
  }

  /** The prolog/epilog, the node self-check (and the library they source) on the cluster's shared storage. */
  static StepDraft slurmScripts(DeployConfig c, Artifacts a, Target t) {
    String shared = c.paths().sharedSlurmDir();
    List<Action> actions = new ArrayList<>();
    actions.add(new PutFile(t.under(shared + "/prolog-dgxmon.sh"), a.prolog(), "0755"));
    actions.add(new PutFile(t.under(shared + "/epilog-dgxmon.sh"), a.epilog(), "0755"));
    actions.add(new PutFile(t.under(shared + "/check-dgxmon.sh"), a.nodeCheck(), "0755"));
    for (Payload lib : a.slurmLib()) {
      // The scripts source their library from beside the real file (the 60- links are resolved first).
      actions.add(new PutFile(t.under(shared + "/" + lib.name()), lib, "0644"));
    }
    return new StepDraft("slurm-scripts", "Slurm prolog/epilog on shared storage", actions, false);
  }

  PutFile rendered(Target t, String path, String template, Map<String, Object> model, String mode) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new PutFile(t.under(path), Payload.of(name, renderer.render(template, model)), mode);
  }

  /** The admin's web config, byte for byte, readable by root only (streamed, never on a command line). */
  static PutFile webConfig(Target t, String path, DeployConfig.WebConfigFile web) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new PutFile(t.under(path), Payload.of(name, web.yaml().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        ExporterFiles.WEB_CONFIG_MODE);
  }

  static MakeDir makeDir(Target t, String path) {
    return new MakeDir(t.under(path));
  }

  static CheckWlmProlog checkWlmProlog(DeployConfig c) {
    return new CheckWlmProlog(c.roleMonitor().cmsh(), c.cluster());
  }
}
