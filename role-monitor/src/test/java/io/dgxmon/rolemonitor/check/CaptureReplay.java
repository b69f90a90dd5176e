package io.dgxmon.rolemonitor.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.CmshOutputParser;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.targets.EffectiveRoles;
import io.dgxmon.rolemonitor.targets.NodeRoles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Replays a capture directory ({@code answer.txt} + {@code expected.json}, as {@code --check --save-capture}
 * writes them): parses the answer again with the capture's node types and roles.
 */
public final class CaptureReplay {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaptureReplay() {}

  /** What the capture says the monitor made of its answer. */
  public static CaptureExpectation expected(Path capture) throws IOException {
    return JSON.readValue(capture.resolve("expected.json").toFile(), CaptureExpectation.class);
  }

  /** What the monitor makes of the capture's answer today, for the capture's roles and node types. */
  public static CaptureExpectation replay(Path capture) throws IOException, CmshParseException {
    CaptureExpectation expected = expected(capture);
    String answer = Files.readString(capture.resolve("answer.txt"));
    ClusterSnapshot snapshot = CmshOutputParser.parse(answer, expected.nodeTypes());
    List<NodeRoles> nodes = EffectiveRoles.compute(snapshot, expected.nodeTypes());
    return CaptureExpectation.of(snapshot, nodes, expected.roles(), expected.nodeTypes());
  }
}
