package io.dgxmon.deploy.cmsh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.common.cmsh.CmshAnswerText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Asks cmsh what the wizard would otherwise ask the operator: three calls, each answer read tolerantly. The calls
 * and how their answers are read are here; running cmsh (locally or over SSH) is the caller's {@link CmshRunner}.
 */
public final class ClusterDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The role that makes a node a Slurm client (ADM11; pythoncm SlurmClientRole). */
  public static final String SLURM_CLIENT_ROLE = "slurmclient";

  /** Runs one cmsh call and returns what it printed; throws with the reason when it failed. */
  public interface CmshRunner {
    String run(CmshCall call) throws IOException, InterruptedException;
  }

  private ClusterDiscovery() {}

  public static List<CmshCall> calls(String cmsh) {
    return List.of(new CmshCall(cmsh, "wlm; list -d {}"),
        new CmshCall(cmsh, "device; list -f hostname:0,type:0,category:0,softwareimage:0 -d {}"),
        new CmshCall(cmsh, "device; foreach -l " + SLURM_CLIENT_ROLE + " (get hostname)"));
  }

  public static ClusterFacts discover(String cmsh, CmshRunner runner) throws IOException, InterruptedException {
    List<CmshCall> calls = calls(cmsh);
    return read(runner.run(calls.get(0)), runner.run(calls.get(1)), runner.run(calls.get(2)));
  }

  /** The pure part: the three answers, in the order of {@link #calls}. */
  static ClusterFacts read(String wlmList, String deviceList, String slurmClientNames) throws IOException {
    List<String> wlm = new ArrayList<>();
    for (JsonNode row : jsonArray(wlmList, "wlm; list")) {
      wlm.add(field(row, "name"));
    }
    Set<String> clients = new HashSet<>(CmshAnswerText.lines(slurmClientNames).stream().map(String::strip).toList());
    String head = "";
    List<ClusterFacts.SlurmClient> nodes = new ArrayList<>();
    for (JsonNode row : jsonArray(deviceList, "device; list")) {
      String hostname = field(row, "hostname");
      if (head.isEmpty() && field(row, "type").equalsIgnoreCase("HeadNode")) {
        head = hostname;
      }
      if (clients.contains(hostname)) {
        nodes.add(new ClusterFacts.SlurmClient(hostname, field(row, "category"), field(row, "softwareimage")));
      }
    }
    return new ClusterFacts(List.copyOf(wlm), head, List.copyOf(nodes));
  }

  private static JsonNode jsonArray(String output, String what) throws IOException {
    JsonNode array = JSON.readTree(String.join("\n", CmshAnswerText.lines(output)));
    if (array == null || !array.isArray()) {
      throw new IOException(what + ": expected a JSON array from -d {}, got: " + output.strip());
    }
    return array;
  }

  /** A row's value by field name, whatever the case and with or without the " (key)" mark; "" when absent. */
  private static String field(JsonNode row, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().toLowerCase(Locale.ROOT).replace(" (key)", "").strip();
      if (key.equals(name)) {
        return e.getValue().asText("").strip();
      }
    }
    return "";
  }
}
