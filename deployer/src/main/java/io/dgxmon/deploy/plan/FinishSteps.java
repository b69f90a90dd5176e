package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.cmsh.CmshCall;
import io.dgxmon.deploy.cmsh.ProvisioningWait;
import io.dgxmon.deploy.config.DeployConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The head node's image operations after every target succeeded: the optional {@code grabimage}, then, when
 * {@code provisioning.updateImages}, BCM's follow-ups to writing into {@code /cm/images/<image>}
 * (ADM11 §9.5.2; docs/BCM-Imaging-Workflow.md): {@code updateprovisioners} and {@code imageupdate -w -c <category>}.
 * Each writing operation waits for provisioning to finish (its command returns before it does).
 */
final class FinishSteps {
  private FinishSteps() {}

  /** The finishing plan, or null when there is nothing to do after the targets. */
  static TargetPlan plan(DeployConfig c, Target head) {
    List<StepDraft> steps = new ArrayList<>();
    String cmsh = c.roleMonitor().cmsh();
    var p = c.provisioning();
    ProvisioningWait wait = ProvisioningWait.of(cmsh, p.timeoutSeconds(), p.pollSeconds());
    if (c.grabImage() != null) {
      boolean write = c.grabImage().write();
      String script = "device; use " + c.grabImage().fromNode() + "; grabimage" + (write ? " -w" : "");
      CmshCall grab = new CmshCall(cmsh, script);
      String title = write ? "grabimage -w (writes the image; waits for provisioning)" : "grabimage (dry run)";
      steps.add(new StepDraft("grabimage", title, List.of(new RunCmsh(grab, write ? wait : null)), true));
    }
    Set<String> categories = imageCategories(c);
    if (p.updateImages() && !categories.isEmpty()) {
      steps.add(new StepDraft("updateprovisioners", "updateprovisioners (waits for provisioning)",
          List.of(new RunCmsh(new CmshCall(cmsh, "softwareimage; updateprovisioners"), wait)), true));
      List<Action> updates = categories.stream().<Action>map(cat ->
          new RunCmsh(new CmshCall(cmsh, "device; imageupdate -w -c " + cat), wait)).toList();
      String title = "imageupdate -w for categories " + String.join(", ", categories) + " (waits for provisioning)";
      steps.add(new StepDraft("imageupdate", title, updates, true));
    }
    return steps.isEmpty() ? null : StepDraft.fingerprinted(head, steps);
  }

  private static Set<String> imageCategories(DeployConfig c) {
    Set<String> categories = new LinkedHashSet<>();
    c.nodes().stream().filter(g -> g.softwareImage() != null).forEach(g -> categories.addAll(g.categories()));
    return categories;
  }
}
