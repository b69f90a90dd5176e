package io.dgxmon.deploy.wizard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgxmon.deploy.cmsh.ClusterFacts;
import io.dgxmon.deploy.config.FieldRules;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The wizard's questions about where to install: a software image (with its categories and BCM's follow-ups) or a
 * node list. What cmsh discovered becomes the default of each question, shown so Enter accepts and typing overrides.
 */
final class NodeQuestions {
  private final Prompter ask;
  private final ClusterFacts facts;

  NodeQuestions(Prompter ask, ClusterFacts facts) {
    this.ask = ask;
    this.facts = facts;
  }

  void ask(ObjectNode config, boolean hasHead) throws IOException {
    ArrayNode nodes = config.putArray("nodes");
    Map<String, String> shared = facts == null ? Map.of() : facts.sharedImageByCategory();
    if (hasHead && !shared.isEmpty()) {
      shared.forEach((category, image) -> ask.say("  cmsh: the Slurm client nodes of category " + category
          + " all use software image " + image + " (image mode fits them)"));
    }
    String defaultImage = shared.isEmpty() ? "-" : shared.values().iterator().next();
    String image = !hasHead ? "-" : ask.ask("BCM software image to install into instead of the nodes ('-' for none)",
        defaultImage, s -> s.equals("-") ? null : FieldRules.SOFTWARE_IMAGE.problem(s));
    if (!image.equals("-")) {
      imageGroup(config, nodes.addObject().put("softwareImage", image), shared, image);
      return;
    }
    List<String> found = facts == null ? List.of() : facts.slurmClientNames();
    if (!found.isEmpty()) {
      ask.say("  cmsh: " + found.size() + " node(s) carry the slurmclient role");
    }
    String list = ask.ask("Nodes (names or BCM ranges, comma-separated)",
        found.isEmpty() ? "dgx-[01-04]" : String.join(",", found), Wizard::nodesProblem);
    for (String expr : list.split(",")) {
      nodes.add(expr.trim());
    }
  }

  private void imageGroup(ObjectNode config, ObjectNode group, Map<String, String> shared, String image)
      throws IOException {
    List<String> ofImage = shared.entrySet().stream().filter(e -> e.getValue().equals(image))
        .map(Map.Entry::getKey).toList();
    String categories = ask.ask("Categories whose nodes boot this image, comma-separated ('-' for none)",
        ofImage.isEmpty() ? "-" : String.join(",", ofImage), NodeQuestions::categoriesProblem);
    if (categories.equals("-")) {
      return;
    }
    ArrayNode list = group.putArray("categories");
    Arrays.stream(categories.split(",")).map(String::trim).forEach(list::add);
    boolean update = ask.yesNo("After installing, run updateprovisioners and imageupdate -w for " + categories
        + " and wait for them?", false);
    config.putObject("provisioning").put("updateImages", update);
  }

  static String categoriesProblem(String answer) {
    if (answer.equals("-")) {
      return null;
    }
    for (String c : answer.split(",")) {
      String problem = FieldRules.CATEGORY.problem(c.trim());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }
}
