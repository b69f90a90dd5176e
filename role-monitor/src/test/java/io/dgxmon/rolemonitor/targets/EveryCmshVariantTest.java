package io.dgxmon.rolemonitor.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgxmon.rolemonitor.check.CaptureExpectation;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.CmshQuery;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.ClusterState.Category;
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
   * dgx-01 by category (role spelt SlurmClient), dgx-02 by overlay on the node, dgx-03 by overlay on its
   * category, dgx-04 by a node role (SLURMCLIENT), dgx-05 only by a disabled overlay, dgx-06 nothing at all
   * (its category has no roles); a head node covered by an all-head-nodes overlay, a switch, a power shelf.
   */
  static ClusterState cluster(CmshVariants variants) {
    ClusterState state = new ClusterState();
    state.variants = variants;
    state.nodes.add(Node.head("basecm11", "10.141.255.254"));
    for (int i = 1; i <= 6; i++) {
      String category = i == 1 ? "dgx" : i == 3 ? "cpu" : "bare";
      state.nodes.add(Node.physical("dgx-0" + i, category, "10.141.0." + i));
    }
    state.nodes.get(4).roles.add("SLURMCLIENT");
    state.nodes.add(Node.device("Switch", "leaf01", "10.141.0.250"));
    state.nodes.add(Node.device("PowerShelf", "ps01", "10.141.0.251"));
    state.categories.add(Category.of("dgx", "SlurmClient", "cgroupsupervisor"));
    state.categories.add(Category.of("cpu"));
    state.categories.add(Category.of("bare"));
    state.overlays.add(Overlay.of("slurm-client", List.of("dgx-02"), List.of("cpu"), "slurmclient"));
    Overlay heads = Overlay.of("slurm-server", List.of(), List.of(), "slurmserver", "slurmclient");
    heads.allheadnodes = true;
    state.overlays.add(heads);
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
    assertEquals(List.of("dgx-05", "dgx-06"), seen.untargeted());
    assertEquals(Map.of("HeadNode", 1, "PhysicalNode", 6, "PowerShelf", 1, "Switch", 1), seen.devicesByType());
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
