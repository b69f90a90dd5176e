package io.dgxmon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.e2e.demo.DemoGuide;
import io.dgxmon.e2e.stack.RepositoryRoot;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUICK_START.md promises that each of its commands is run by a test: this lists which test runs each one, fails
 * when the page gains a command no test runs, and runs the ones no other test runs (the wizard and the dry run).
 */
class QuickStartIT {
  private static final Path PAGE = RepositoryRoot.get().resolve("QUICK_START.md");
  private static final String DRY_RUN = "./setup.sh --config configs/config.example.json --dry-run --output /tmp/plan";
  private static final Path DEMO_SLURM_CONF = Path.of("/tmp/dgxmon-demo-NNN/slurm/slurm.conf");
  private static final Map<String, String> RUN_BY = new LinkedHashMap<>();

  static {
    RUN_BY.put("./setup.sh --demo", "DemoIT");
    RUN_BY.put(DemoGuide.srunCommand(DEMO_SLURM_CONF) + " &", "DemoIT (the line the demo prints, as printed)");
    RUN_BY.put("./setup.sh --test", "CI (.ci/run); it runs every test, this one included");
    RUN_BY.put("./setup.sh", "QuickStartIT.theWizardGetsToADryRun");
    RUN_BY.put(DRY_RUN, "QuickStartIT.theDryRunWorksOnTheExampleConfig");
    RUN_BY.put("./setup.sh --config configs/config.example.json",
        "WholeLoopIT (./setup.sh --config over SSH, with a config for its loopback cluster)");
  }

  @TempDir Path tmp;

  @Test
  void everyCommandOnThePageIsRunByATest() throws IOException {
    assertEquals(new TreeSet<>(RUN_BY.keySet()), new TreeSet<>(block("sh")),
        "QUICK_START.md's commands and the tests that run them (" + RUN_BY + ")");
  }

  @Test
  void theQueriesAreTheDemosExamplesWhichWholeLoopItEvaluatesWithAJob() throws IOException {
    assertEquals(DemoGuide.EXAMPLES.stream().map(DemoGuide.Example::expr).toList(), block("promql"));
  }

  @Test
  void theDryRunWorksOnTheExampleConfig() throws IOException {
    Path plan = tmp.resolve("plan");
    ProcessResult result = inCheckout(DRY_RUN.replace("/tmp/plan", plan.toString()), null);
    result.assertSuccess(DRY_RUN);
    assertTrue(Files.readString(plan.resolve("plan.txt")).contains("== dgx-01 (node, root@dgx-01:22, root /"));
    assertTrue(Files.isRegularFile(plan.resolve("dgx-01/etc/dgxmon/exporter.json")));
    assertTrue(Files.isRegularFile(plan.resolve("bcm-head/etc/dgxmon/role-monitor.json")));
  }

  @Test
  void theWizardGetsToADryRun() throws IOException {
    Path config = tmp.resolve("my-cluster.json");
    Path plan = tmp.resolve("plan");
    // head node, SSH user, port, key, known_hosts, concurrency, cluster, 4 components, image, nodes, NVML policy,
    // where to write the config, mode, dry-run output directory. (Off a BCM head node cmsh is not found here, and
    // the head node's cmsh cannot be reached: the wizard says so and asks for everything.)
    List<String> answers = List.of("bcm-head", "", "", "", "", "", "", "", "", "", "", "", "dgx-[01-02]", "warn",
        config.toString(), "dry-run", plan.toString());
    ProcessResult result = inCheckout("./setup.sh", String.join("\n", answers) + "\n");
    result.assertSuccess("./setup.sh (wizard)");
    assertTrue(Files.isRegularFile(config), result.stdout());
    assertTrue(Files.isRegularFile(plan.resolve("dgx-02/etc/dgxmon/exporter.json")), result.stdout());
  }

  /** Runs {@code line} with bash from the top of the checkout, as the page says to. */
  private static ProcessResult inCheckout(String line, String stdin) {
    String cd = "cd '" + RepositoryRoot.get().toString().replace("'", "'\\''") + "' && ";
    return Processes.run(Duration.ofMinutes(5), Map.of(), List.of("bash", "-c", cd + line), stdin);
  }

  /** The non-empty lines of every fenced block of {@code language}. */
  private static List<String> block(String language) throws IOException {
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    for (String line : Files.readAllLines(PAGE)) {
      if (line.startsWith("```")) {
        inside = !inside && line.equals("```" + language);
      } else if (inside && !line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return lines;
  }
}
