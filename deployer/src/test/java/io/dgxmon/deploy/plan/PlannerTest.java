package io.dgxmon.deploy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.cmsh.ProvisioningWait;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static TargetPlan target(DeploymentPlan plan, String name) {
    return plan.targets().stream().filter(t -> t.target().name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> stepIds(TargetPlan tp) {
    return tp.steps().stream().map(Step::id).toList();
  }

  @Test
  void nodeUnderRootSlashIsStartedAndChecked() throws Exception {
    TargetPlan node = target(PlanFixtures.plan(PlanFixtures.FULL), "dgx-01");
    assertEquals(List.of("preflight", "runtime", "exporter-jar", "config", "exporter-unit", "slurm-links",
        "exporter-user", "enable", "endpoints"), stepIds(node));
    assertEquals(new RunCommand(RemoteCommands.createSystemUser("dgxmon", "/")), node.steps().get(6).actions().get(0));
    assertEquals("dgx-01", node.target().address());
    assertEquals(new PutTree("/opt/dgxmon/runtime", PlanFixtures.artifacts().runtimes().get("x86_64")),
        node.steps().get(1).actions().get(0));
    Link prolog = (Link) node.steps().get(5).actions().get(0);
    assertEquals("/cm/local/apps/slurm/var/prologs/60-prolog-dgxmon.sh", prolog.path());
    assertEquals("/cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh", prolog.target());
  }

  @Test
  void otherRootPrefixesPathsButNotLinkTargetsAndStartsNothing() throws Exception {
    TargetPlan node = target(PlanFixtures.plan(PlanFixtures.FULL), "dgx-09");
    assertEquals("127.0.5.9", node.target().address());
    assertTrue(!stepIds(node).contains("endpoints"));
    PutFile config = (PutFile) node.steps().get(3).actions().get(0);
    assertEquals("/srv/root9/etc/dgxmon/exporter.json", config.path());
    Link epilog = (Link) node.steps().get(5).actions().get(1);
    assertEquals("/srv/root9/cm/local/apps/slurm/var/epilogs/60-epilog-dgxmon.sh", epilog.path());
    assertEquals("/cm/shared/apps/slurm/var/cm/epilog-dgxmon.sh", epilog.target());
    assertEquals(new RunCommand(RemoteCommands.createSystemUser("dgxmon", "/srv/root9")),
        node.steps().get(6).actions().get(0));
    assertEquals(new EnableUnit("dgxmon-exporter.service", "/srv/root9"), node.steps().get(7).actions().get(0));
  }

  @Test
  void softwareImageIsOneTargetReachedThroughTheHeadNode() throws Exception {
    TargetPlan image = target(PlanFixtures.plan(PlanFixtures.FULL), "image-dgx-image");
    assertEquals(Target.Kind.IMAGE, image.target().kind());
    assertEquals("127.0.5.100", image.target().address());
    assertEquals("/cm/images/dgx-image", image.target().root());
    PutTree runtime = (PutTree) image.steps().get(1).actions().get(0);
    assertEquals("runtime-linux-arm64.tar", runtime.archive().name());
    PutFile exporterJson = (PutFile) image.steps().get(3).actions().get(0);
    assertTrue(!new String(exporterJson.payload().bytes()).contains("hostname"), "an image is shared by nodes");
  }

  @Test
  void headNodeCarriesRoleMonitorSharedScriptsAndChecks() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan(PlanFixtures.FULL);
    TargetPlan head = plan.targets().get(0);
    assertEquals(List.of("preflight", "runtime", "role-monitor-jar", "role-monitor-config", "role-monitor-unit",
        "report", "slurm-scripts", "prometheus-sample", "enable", "endpoints", "cmsh-check"), stepIds(head));
    List<String> scripts = head.steps().get(6).actions().stream().map(a -> ((PutFile) a).path()).toList();
    assertEquals(List.of("/cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh", "/cm/shared/apps/slurm/var/cm/epilog-dgxmon.sh",
        "/cm/shared/apps/slurm/var/cm/check-dgxmon.sh", "/cm/shared/apps/slurm/var/cm/common.sh"), scripts);
    PutFile check = (PutFile) head.steps().get(6).actions().get(2);
    assertEquals("0755", check.mode());
    assertEquals("check-dgxmon.sh", check.payload().name());
    RunCmsh grab = (RunCmsh) plan.finish().steps().get(0).actions().get(0);
    assertEquals("/cm/local/apps/cmd/bin/cmsh --color=no -q -c 'device; use dgx-01; grabimage -w'",
        grab.call().commandLine());
    assertEquals(ProvisioningWait.of("/cm/local/apps/cmd/bin/cmsh", 1800, 10), grab.thenWait());
    CheckWlmProlog wlmCheck = (CheckWlmProlog) head.steps().get(10).actions().get(0);
    assertEquals("/cm/local/apps/cmd/bin/cmsh --color=no -q -c 'wlm; use slurm; get prolog'",
        wlmCheck.call().commandLine());
  }

  @Test
  void theReportIsInstalledBesideTheRoleMonitorOnPathWithTheConfiguredPrometheus() throws Exception {
    TargetPlan head = PlanFixtures.plan(PlanFixtures.FULL.replace("\"nodes\":",
        "\"prometheus\": {\"url\": \"https://prom.example:9090\"}, \"nodes\":")).targets().get(0);
    List<Action> report = head.steps().get(5).actions();
    assertEquals("/opt/dgxmon/lib/dgxmon-report.jar", ((PutFile) report.get(0)).path());
    PutFile launcher = (PutFile) report.get(1);
    assertEquals("/opt/dgxmon/bin/dgxmon-report", launcher.path());
    assertEquals("0755", launcher.mode());
    String text = new String(launcher.payload().bytes());
    assertTrue(text.contains("export DGXMON_PROMETHEUS_URL=\"${DGXMON_PROMETHEUS_URL:-https://prom.example:9090}\"\n"),
        text);
    assertTrue(text.contains("exec /opt/dgxmon/runtime/bin/java "), text);
    assertEquals(new Link("/usr/local/bin/dgxmon-report", "/opt/dgxmon/bin/dgxmon-report"), report.get(2));
    String without = new String(((PutFile) PlanFixtures.plan(PlanFixtures.FULL).targets().get(0).steps().get(5)
        .actions().get(1)).payload().bytes());
    assertTrue(!without.contains("DGXMON_PROMETHEUS_URL"), "no prometheus.url: the report's own default\n" + without);
  }

  @Test
  void aDryRunGrabDoesNotWaitAndImageFollowUpsAreOffByDefault() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan(PlanFixtures.FULL.replace("\"write\": true", "\"write\": false"));
    assertEquals(List.of("grabimage"), stepIds(plan.finish()));
    assertEquals(null, ((RunCmsh) plan.finish().steps().get(0).actions().get(0)).thenWait());
    assertEquals(null, PlanFixtures.plan("{\"headNode\": {\"host\": \"h\"}, \"nodes\": [{\"softwareImage\": \"img\", "
        + "\"categories\": [\"dgx\"]}]}").finish());
  }

  @Test
  void imageFollowUpsUpdateTheProvisionersThenEachCategoryAndWait() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan("""
        {"headNode": {"host": "h"}, "roleMonitor": {"cmsh": "/usr/bin/cmsh"},
         "nodes": [{"softwareImage": "img-a", "categories": ["dgx", "dgx-test"]},
                   {"softwareImage": "img-b", "categories": ["dgx"]}],
         "provisioning": {"updateImages": true, "timeoutSeconds": 600, "pollSeconds": 5}}
        """);
    assertEquals(List.of("updateprovisioners", "imageupdate"), stepIds(plan.finish()));
    List<String> lines = plan.finish().steps().stream().flatMap(s -> s.actions().stream())
        .flatMap(a -> a.planLines(plan.finish().target()).stream()).toList();
    String wait = "# then poll every 5 s until provisioning is idle, at most 600 s:";
    String status = "$ /usr/bin/cmsh --color=no -q -c 'softwareimage; provisioningstatus'";
    assertEquals(List.of("$ /usr/bin/cmsh --color=no -q -c 'softwareimage; updateprovisioners'", wait, status,
        "$ /usr/bin/cmsh --color=no -q -c 'device; imageupdate -w -c dgx'", wait, status,
        "$ /usr/bin/cmsh --color=no -q -c 'device; imageupdate -w -c dgx-test'", wait, status), lines);
  }

  @Test
  void withoutHeadNodeEveryNodeGetsTheSharedScripts() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan("{\"components\": {\"roleMonitor\": false}, \"nodes\": [\"n1\"]}");
    assertEquals(1, plan.targets().size());
    assertTrue(stepIds(plan.targets().get(0)).contains("slurm-scripts"));
    assertNull(plan.finish());
  }

  @Test
  void probeListsEveryManagedPathAndItsNewDirectories() throws Exception {
    TargetPlan node = target(PlanFixtures.plan(PlanFixtures.FULL), "dgx-09");
    Probe probe = (Probe) node.steps().get(0).actions().get(0);
    assertTrue(probe.paths().files().contains("/srv/root9/etc/systemd/system/dgxmon-exporter.service"));
    assertEquals(List.of("/srv/root9/opt/dgxmon/runtime"), probe.paths().trees());
    assertTrue(probe.paths().dirs().contains("/srv/root9/etc/systemd/system/multi-user.target.wants"));
    assertTrue(probe.paths().dirs().contains("/srv/root9/cm/local/apps/slurm/var/prologs"));
    assertTrue(probe.paths().dirs().contains("/srv/root9/cm"));
    assertTrue(probe.paths().dirs().stream().allMatch(d -> d.startsWith("/srv/root9/")), probe.paths().dirs().toString());
  }

  @Test
  void preflightReadsEveryPathThatUninstallWillRemove() throws Exception {
    for (TargetPlan tp : PlanFixtures.plan(PlanFixtures.FULL).targets()) {
      Probe probe = (Probe) tp.steps().get(0).actions().get(0);
      InstallManifest installed = tp.steps().stream().flatMap(s -> s.actions().stream()).map(Action::installs)
          .reduce(InstallManifest.EMPTY, InstallManifest::plus);
      assertTrue(!installed.files().isEmpty() && probe.paths().files().containsAll(installed.files()),
          tp.target().name());
      assertTrue(probe.paths().trees().containsAll(installed.trees()), tp.target().name());
      assertTrue(probe.paths().links().containsAll(installed.links()), tp.target().name());
    }
  }

  @Test
  void changingOnePortInvalidatesOnlyTheStepsThatDependOnIt() throws Exception {
    Map<String, String> before = fingerprints(PlanFixtures.plan(PlanFixtures.FULL), "dgx-01");
    Map<String, String> after = fingerprints(
        PlanFixtures.plan(PlanFixtures.FULL.replace("\"components\"", "\"ports\": {\"cgroup\": 9999}, \"components\"")),
        "dgx-01");
    for (String same : List.of("preflight", "runtime", "exporter-jar", "slurm-links")) {
      assertEquals(before.get(same), after.get(same), same);
    }
    // The unit names the listeners in its Description, so it changes with them.
    for (String changed : List.of("config", "exporter-unit", "enable", "endpoints")) {
      assertNotEquals(before.get(changed), after.get(changed), changed);
    }
  }

  @Test
  void planIsAPureFunctionOfItsInputs() throws Exception {
    assertEquals(PlanFixtures.plan(PlanFixtures.FULL), PlanFixtures.plan(PlanFixtures.FULL));
  }

  private static Map<String, String> fingerprints(DeploymentPlan plan, String target) {
    return target(plan, target).steps().stream().collect(Collectors.toMap(Step::id, Step::fingerprint,
        (a, b) -> a, java.util.LinkedHashMap::new));
  }

}
