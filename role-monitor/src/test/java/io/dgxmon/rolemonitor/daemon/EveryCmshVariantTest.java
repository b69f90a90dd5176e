package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgxmon.rolemonitor.check.CaptureExpectation;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.CmshQuery;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.rolemonitor.targets.TargetsPlan;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.ClusterState.Overlay;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import io.dgxmon.testkit.cmsh.CmshVariants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same cluster under every combination of the simulator's switches for undocumented cmsh behaviour
 * ({@code !} handling, empty roles lists, inherited rows): the monitor must target the same nodes, for the
 * same reasons, and refuse the same cut-off answer, whichever way real cmsh turns out to behave.
 */
class EveryCmshVariantTest {
  @TempDir Path dir;

  /**
   * The simulated head node's cluster ({@link SimulatedHeadNode}: roles by category, by overlay on a node, by
   * overlay on a category, by node, a head node under an all-head-nodes overlay, a switch) plus: role names
   * in mixed case, dgx-05 covered only by a disabled overlay, and a power shelf.
   */
  static ClusterState cluster(CmshVariants variants) {
    ClusterState state = SimulatedHeadNode.cluster();
    state.variants = variants;
    state.categories.get(0).roles = new ArrayList<>(List.of("SlurmClient", "cgroupsupervisor"));
    state.nodes.get(4).roles = new ArrayList<>(List.of("SLURMCLIENT"));
    state.nodes.add(Node.device("PowerShelf", "ps01", "127.0.4.251"));
    Overlay disabled = Overlay.of("old-client", List.of("dgx-05"), List.of(), "slurmclient");
    disabled.priority = Overlay.DISABLED;
    state.overlays.add(disabled);
    return state;
  }

  static Stream<Arguments> everyVariantWithAndWithoutHeadNodes() {
    List<Arguments> all = new ArrayList<>();
    for (CmshVariants variants : CmshVariants.all()) {
      all.add(Arguments.of(variants, false));
      all.add(Arguments.of(variants, true));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, head nodes watched: {1}")
  @MethodSource("everyVariantWithAndWithoutHeadNodes")
  void sameTargetsForTheSameReasons(CmshVariants variants, boolean headNodes) throws Exception {
    MonitorConfig config = config(headNodes);
    String answer = answer(cluster(variants), config);
    TargetsPlan plan = TargetsPlan.from(answer, config, Map.of());
    CaptureExpectation seen = CaptureExpectation.of(plan.snapshot(), plan.nodes(), config.roles(), config.nodeTypes());
    Map<String, Map<String, List<String>>> expected = new java.util.TreeMap<>(Map.of(
        "dgx-01", Map.of("slurmclient", List.of("category dgx")),
        "dgx-02", Map.of("slurmclient", List.of("overlay slurm-client")),
        "dgx-03", Map.of("slurmclient", List.of("overlay slurm-client")),
        "dgx-04", Map.of("slurmclient", List.of("node"))));
    if (headNodes) {
      expected.put("basecm11", Map.of("slurmclient", List.of("overlay slurm-server")));
    }
    assertEquals(expected, seen.targets());
    assertEquals(List.of("dgx-05"), seen.untargeted());
    assertEquals(Map.of("HeadNode", 1, "PhysicalNode", 5, "PowerShelf", 1, "Switch", 1), seen.devicesByType());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.dgxmon.testkit.cmsh.CmshVariants#all")
  void theAnswerDoesNotDependOnShellEscapesAndACutOneIsRefused(CmshVariants variants) throws Exception {
    MonitorConfig config = config(false);
    String answer = answer(cluster(variants), config);
    CmshVariants noShell = new CmshVariants(CmshVariants.ShellEscape.UNKNOWN_COMMAND, variants.emptyRoleList(),
        variants.inheritedRoleRows());
    assertEquals(answer(cluster(noShell), config), answer);
    String cut = answer.substring(0, answer.indexOf("Version Information"));
    assertThrows(CmshParseException.class, () -> TargetsPlan.from(cut, config, Map.of()));
  }

  private MonitorConfig config(boolean headNodes) throws Exception {
    Path file = dir.resolve("role-monitor.json");
    Files.writeString(file, "{\"roles\": [\"SlurmClient\"], \"nodeTypes\": [\"PhysicalNode\""
        + (headNodes ? ", \"HeadNode\"" : "") + "], \"targetsDir\": \"" + dir.resolve("targets") + "\"}");
    return ConfigLoader.load(file);
  }

  private static String answer(ClusterState state, MonitorConfig config) {
    CmshSimulator.Result result = CmshSimulator.run(state, CmshQuery.script(config.nodeTypes()), true);
    assertEquals(0, result.exitCode(), result.output());
    return result.output();
  }
}
