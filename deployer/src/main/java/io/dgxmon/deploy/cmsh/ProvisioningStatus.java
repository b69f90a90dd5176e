package io.dgxmon.deploy.cmsh;

import io.dgxmon.common.cmsh.CmshAnswerText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code softwareimage; provisioningstatus} says about BCM's provisioning subsystem: how many nodes are being
 * provisioned, which wait, and whether an update of the provisioning nodes is pending. The layout is a guess
 * (docs/reference/cmsh.md, "Waiting for provisioning"): {@code key: value} lines, read by key, in any order,
 * with the per-provisioning-node block's "Nodes currently being provisioned" counted too.
 *
 * @param recognised whether the answer had the "Nodes currently provisioning" line at all
 * @param provisioning nodes being provisioned (subsystem total)
 * @param busyNodes nodes named as provisioning or waiting, in any block
 * @param provisionersUpdateRequested "Update of provisioning nodes requested: yes"
 * @param summary one line for the report: what the answer said
 */
public record ProvisioningStatus(boolean recognised, int provisioning, List<String> busyNodes,
    boolean provisionersUpdateRequested, String summary) {

  /** Nothing provisioning, nobody waiting, no update of provisioners pending. */
  public boolean idle() {
    return recognised && provisioning == 0 && busyNodes.isEmpty() && !provisionersUpdateRequested;
  }

  public static ProvisioningStatus parse(String output) {
    List<String> lines = CmshAnswerText.lines(output);
    Integer provisioning = null;
    List<String> busy = new ArrayList<>();
    boolean updateRequested = false;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "nodes currently provisioning" -> provisioning = count(value);
        case "nodes waiting to be provisioned", "nodes currently being provisioned" -> busy.addAll(names(value));
        case "update of provisioning nodes requested" -> updateRequested = value.equalsIgnoreCase("yes");
        default -> { }
      }
    }
    if (provisioning == null) {
      String first = lines.isEmpty() ? "(nothing)" : lines.get(0);
      return new ProvisioningStatus(false, 0, List.of(), false, "unrecognised answer: " + first);
    }
    String summary = provisioning + " node(s) provisioning, " + (busy.isEmpty() ? "none" : String.join(",", busy))
        + " busy or waiting, update of provisioning nodes requested: " + (updateRequested ? "yes" : "no");
    return new ProvisioningStatus(true, provisioning, List.copyOf(busy), updateRequested, summary);
  }

  private static Integer count(String value) {
    return value.matches("\\d{1,6}") ? Integer.parseInt(value) : null;
  }

  private static List<String> names(String value) {
    if (value.isEmpty() || value.equalsIgnoreCase("<none>") || value.equalsIgnoreCase("none")) {
      return List.of();
    }
    return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }
}
