package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.deploy.render.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small in-memory configs and artifacts for the pure plan tests. */
public final class PlanFixtures {
  private PlanFixtures() {}

  public static Artifacts artifacts() {
    return new Artifacts(
        Map.of("x86_64", bytes("runtime-linux-x86_64.tar", "rt"), "arm64", bytes("runtime-linux-arm64.tar", "rta")),
        bytes("dgxmon-exporter.jar", "exp"),
        bytes("dgxmon-role-monitor.jar", "rm"),
        bytes("dgxmon-report.jar", "rep"),
        bytes("prolog-dgxmon.sh", "#!/bin/bash\nexit 0\n"),
        bytes("epilog-dgxmon.sh", "#!/bin/bash\nexit 0\n"),
        bytes("check-dgxmon.sh", "#!/bin/bash\necho OK\n"),
        List.of(bytes("common.sh", "# lib\n")));
  }

  static Payload bytes(String name, String content) {
    return Payload.of(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public static DeployConfig config(String json) throws Exception {
    return ConfigReader.parse("test", json);
  }

  public static DeploymentPlan plan(String json) throws Exception {
    return new Planner(new TemplateRenderer()).plan(config(json), artifacts());
  }

  public static final String FULL = """
      {"headNode": {"host": "head", "address": "127.0.5.100"},
       "components": {"prometheusSample": true},
       "nodes": ["dgx-[01-02]", {"hosts": "dgx-09", "address": "127.0.5.9", "targetRoot": "/srv/root9"},
                 {"softwareImage": "dgx-image", "arch": "arm64"}],
       "grabImage": {"fromNode": "dgx-01", "write": true}}
      """;
}
