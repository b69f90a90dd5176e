package io.dgxmon.deploy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunTest {
  @TempDir Path tmp;

  @Test
  void writesEveryFileAndLinkUnderTargetAndAbsolutePath() throws Exception {
    Path out = tmp.resolve("out");
    DryRun.write(PlanFixtures.plan(PlanFixtures.FULL), out);
    JsonNode exporter = new ObjectMapper().readTree(out.resolve("dgx-01/etc/dgxmon/exporter.json").toFile());
    assertEquals(":9400", exporter.get("dcgm.listen-address").asText());
    assertEquals(":9306", exporter.get("cgroup.listen-address").asText());
    assertEquals("/run/dcgm-job-map", exporter.get("hpc-job-mapping-dir").asText());
    assertEquals("dgx-01", exporter.get("hostname").asText());
    assertTrue(Files.isRegularFile(out.resolve("dgx-09/srv/root9/etc/systemd/system/dgxmon-exporter.service")));
    assertEquals(Path.of("/cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh"),
        Files.readSymbolicLink(out.resolve("dgx-02/cm/local/apps/slurm/var/prologs/60-prolog-dgxmon.sh")));
    assertTrue(Files.isRegularFile(out.resolve("head/cm/shared/apps/slurm/var/cm/epilog-dgxmon.sh")));
    assertEquals("#!/bin/bash\necho OK\n",
        Files.readString(out.resolve("head/cm/shared/apps/slurm/var/cm/check-dgxmon.sh")));
    JsonNode rm = new ObjectMapper().readTree(out.resolve("head/etc/dgxmon/role-monitor.json").toFile());
    assertEquals(9306, rm.get("exporters").get("cgroup").get("port").asInt());
    assertEquals("cgroup_exporter", rm.get("exporters").get("cgroup").get("job").asText());
    assertEquals("slurmclient", rm.get("roles").get(0).asText());
    String env = Files.readString(out.resolve("dgx-01/etc/dgxmon/slurm.env"));
    assertTrue(env.contains("DGXMON_JOB_MAP_DIR=/run/dcgm-job-map\n"), env);
    String plan = Files.readString(out.resolve("plan.txt"));
    assertTrue(plan.contains("== dgx-09 (node, root@127.0.5.9:22, root /srv/root9, x86_64)"), plan);
    assertTrue(plan.contains("$ systemctl --root='/srv/root9' enable 'dgxmon-exporter.service'"), plan);
    assertTrue(plan.contains("[exporter-user] system user dgxmon\n  # if getent passwd 'dgxmon' >/dev/null; then"),
        plan);
    assertTrue(plan.contains("useradd --system --user-group --no-create-home --home-dir /nonexistent"
        + " --shell /usr/sbin/nologin --comment 'dgxmon exporter' --root '/cm/images/dgx-image' 'dgxmon'"), plan);
    assertTrue(plan.contains("grabimage -w"), plan);
    assertTrue(plan.contains("GET http://dgx-01:9400/metrics"), plan);
    assertTrue(plan.contains("tar -b 256 -xf - -C '/opt/dgxmon/runtime.dgxmon-new'"), plan);
    assertTrue(plan.contains("printf '%s' '{\n"), plan);
    // Run-time joining of steps into one command is explained; the commands stay listed per step.
    assertTrue(plan.contains("# them created first, and after each step a marker line with a random nonce"), plan);
    assertTrue(plan.contains("[slurm-links] 60- prolog/epilog links\n"), plan);
  }

  @Test
  void twoDryRunsAreByteIdentical() throws Exception {
    DryRun.write(PlanFixtures.plan(PlanFixtures.FULL), tmp.resolve("a"));
    DryRun.write(PlanFixtures.plan(PlanFixtures.FULL), tmp.resolve("b"));
    DryRun.write(PlanFixtures.plan(PlanFixtures.FULL), tmp.resolve("b"));
    assertEquals(snapshot(tmp.resolve("a")), snapshot(tmp.resolve("b")));
  }

  @Test
  void refusesADirectoryThatIsNotAnEarlierDryRun() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(out.resolve("notes.txt"), "keep me");
    IOException e = assertThrows(IOException.class,
        () -> DryRun.write(PlanFixtures.plan(PlanFixtures.FULL), out));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
  }

  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          files.put(key, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          files.put(key, Payload.sha256(Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }
}
