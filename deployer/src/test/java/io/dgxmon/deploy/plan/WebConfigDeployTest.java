package io.dgxmon.deploy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exporter.webConfigFile / roleMonitor.webConfigFile: validated at config read, installed 0600, in the units. */
class WebConfigDeployTest {
  static final String TLS = """
      tls_server_config:
        cert_file: /etc/pki/dgxmon/node.crt
        key_file: /etc/pki/dgxmon/node.key
      """;

  @TempDir Path tmp;

  private String config(Path exporterWeb, Path roleMonitorWeb) {
    return """
        {"headNode": {"host": "head", "address": "127.0.5.100"},
         "nodes": ["dgx-01", {"softwareImage": "dgx-image"}],
         "exporter": {"webConfigFile": "%s"}, "roleMonitor": {"webConfigFile": "%s"}}
        """.formatted(exporterWeb, roleMonitorWeb);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text);
  }

  private static TargetPlan target(DeploymentPlan plan, String name) {
    return plan.targets().stream().filter(t -> t.target().name().equals(name)).findFirst().orElseThrow();
  }

  private static Step step(TargetPlan tp, String id) {
    return tp.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static String text(PutFile f) {
    return new String(f.payload().bytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aBadWebConfigFailsAtConfigReadNamingTheKeyAndTheYamlField() throws Exception {
    Path typo = write("typo.yml", "tls_server_config:\n  cert_fil: /etc/pki/a.crt\n");
    Path relative = write("relative.yml", "tls_server_config:\n  cert_file: node.crt\n  key_file: /etc/pki/n.key\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> PlanFixtures.config(config(typo, tmp.resolve("missing.yml"))));
    assertEquals(2, e.problems().size(), e.getMessage());
    String exporter = e.problems().get(0).startsWith("exporter") ? e.problems().get(0) : e.problems().get(1);
    String roleMonitor = e.problems().get(0).startsWith("exporter") ? e.problems().get(1) : e.problems().get(0);
    assertTrue(exporter.startsWith("exporter.webConfigFile: "), exporter);
    assertTrue(exporter.contains("tls_server_config.cert_fil"), exporter);
    assertTrue(roleMonitor.startsWith("roleMonitor.webConfigFile: "), roleMonitor);
    assertTrue(roleMonitor.contains("missing.yml"), roleMonitor);

    ConfigException rel = assertThrows(ConfigException.class,
        () -> PlanFixtures.config(config(relative, write("ok.yml", TLS))));
    assertEquals(List.of("exporter.webConfigFile: " + relative + ": tls_server_config.cert_file: \"node.crt\" is not"
        + " an absolute path (the file is installed elsewhere; name the file as it is on the targets)"), rel.problems());
    ConfigException notAbsolute = assertThrows(ConfigException.class, () -> PlanFixtures.config(
        "{\"nodes\": [\"n\"], \"exporter\": {\"webConfigFile\": \"web.yml\"}}"));
    assertTrue(notAbsolute.problems().get(0).startsWith("exporter.webConfigFile: "), notAbsolute.getMessage());
  }

  @Test
  void filesModesUnitsEndpointsAndTheManifest() throws Exception {
    Path web = write("web.yml", TLS);
    Path rmWeb = write("rm-web.yml", TLS + "basic_auth_users: {}\n");
    DeploymentPlan plan = PlanFixtures.plan(config(web, rmWeb));

    TargetPlan node = target(plan, "dgx-01");
    PutFile yml = (PutFile) step(node, "config").actions().stream()
        .filter(a -> a instanceof PutFile f && f.path().equals("/etc/dgxmon/exporter-web.yml")).findFirst()
        .orElseThrow();
    assertEquals("0600", yml.mode());
    assertEquals(TLS, text(yml));
    String unit = text((PutFile) step(node, "exporter-unit").actions().get(0));
    assertTrue(unit.contains("--config /etc/dgxmon/exporter.json \\\n"
        + "    --web.config.file /run/dgxmon/web/exporter-web.yml\n"), unit);
    assertTrue(unit.contains("\nExecStartPre=+/usr/bin/install -d -m 0755 -o root -g root /run/dgxmon/web\n"
        + "ExecStartPre=+/usr/bin/install -m 0640 -o root -g dgxmon /etc/dgxmon/exporter-web.yml"
        + " /run/dgxmon/web/exporter-web.yml\n"), unit);
    assertEquals(new CheckEndpoints(List.of(9400, 9445, 9306), true), step(node, "endpoints").actions().get(0));
    assertTrue(InstallLayout.of(node).installable().files().contains("/etc/dgxmon/exporter-web.yml"));

    TargetPlan image = target(plan, "image-dgx-image");
    assertTrue(step(image, "config").actions().contains(
        new PutFile("/cm/images/dgx-image/etc/dgxmon/exporter-web.yml", yml.payload(), "0600")));

    TargetPlan head = target(plan, "head");
    PutFile rmYml = (PutFile) step(head, "role-monitor-config").actions().get(2);
    assertEquals("/etc/dgxmon/role-monitor-web.yml", rmYml.path());
    assertEquals("0600", rmYml.mode());
    String rmUnit = text((PutFile) step(head, "role-monitor-unit").actions().get(0));
    assertTrue(rmUnit.contains("--config /etc/dgxmon/role-monitor.json \\\n"
        + "    --web.config.file /etc/dgxmon/role-monitor-web.yml\n"), rmUnit);
    assertEquals(new CheckEndpoints(List.of(9489), true), step(head, "endpoints").actions().get(0));
    assertTrue(InstallLayout.of(head).installable().files().contains("/etc/dgxmon/role-monitor-web.yml"));
  }

  @Test
  void dryRunListsTheFilesButTheirContentNeverRidesOnACommandLine() throws Exception {
    Path web = write("web.yml", TLS);
    Path out = tmp.resolve("out");
    DryRun.write(PlanFixtures.plan(config(web, web)), out);
    assertEquals(TLS, Files.readString(out.resolve("dgx-01/etc/dgxmon/exporter-web.yml")));
    assertEquals(TLS, Files.readString(out.resolve("head/etc/dgxmon/role-monitor-web.yml")));
    String plan = Files.readString(out.resolve("plan.txt"));
    assertTrue(plan.contains("chmod 0600 '/etc/dgxmon/exporter-web.yml.dgxmon-new'"), plan);
    assertTrue(plan.contains("< exporter-web.yml (streamed)"), plan);
    assertTrue(plan.contains("< role-monitor-web.yml (streamed)"), plan);
    assertFalse(plan.contains("node.key"), plan);
    assertTrue(plan.contains("CONNECT dgx-01:9400  (" + CheckEndpoints.WEB_CONFIG_NOTE + ")"), plan);
    assertFalse(plan.contains("GET http://dgx-01:9400/metrics"), plan);
  }

  @Test
  void withoutTheKeysNothingChanges() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan(PlanFixtures.FULL);
    String unit = text((PutFile) step(target(plan, "dgx-01"), "exporter-unit").actions().get(0));
    assertFalse(unit.contains("web.config"), unit);
    assertEquals(new CheckEndpoints(List.of(9400, 9445, 9306)), step(target(plan, "dgx-01"), "endpoints").actions()
        .get(0));
  }
}
