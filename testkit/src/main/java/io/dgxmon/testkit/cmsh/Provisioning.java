package io.dgxmon.testkit.cmsh;

import io.dgxmon.testkit.cmsh.ClusterState.ProvisioningJob;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BCM's provisioning subsystem as the simulator shows it: operations that go on after their command returned
 * (ADM11 §9.5.2: the "Provisioning completed" notice comes after {@code grabimage}'s prompt), and
 * {@code softwareimage; provisioningstatus}. The status layout is a guess (docs/reference/cmsh.md).
 */
final class Provisioning {
  static final String UPDATE_PROVISIONERS = "updateprovisioners";
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

  private Provisioning() {}

  /** Starts an operation on {@code nodes}: its "started" notices now, "completed" too when it takes no time. */
  static void start(CmshSession session, String operation, List<String> nodes) {
    ClusterState state = session.state();
    long ends = state.provisioningSeconds < 0 ? -1
        : System.currentTimeMillis() + (long) (state.provisioningSeconds * 1000);
    session.applyNow(s -> s.provisioningJobs.add(new ProvisioningJob(operation, List.copyOf(nodes), ends)));
    if (operation.equals(UPDATE_PROVISIONERS)) {
      session.print("Provisioning nodes will be updated in the background.");
      return;
    }
    notices(session, nodes, "started");
    if (state.provisioningSeconds == 0) {
      notices(session, nodes, "completed");
    }
  }

  private static void notices(CmshSession session, List<String> nodes, String verb) {
    String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
    for (String node : nodes) {
      session.print(stamp + " [notice] " + session.state().headHostname + ": Provisioning " + verb + " on node "
          + node);
    }
  }

  /** The answer of {@code provisioningstatus} at {@code nowMillis}. */
  static String status(ClusterState state, long nowMillis) {
    List<String> nodes = new ArrayList<>();
    boolean updateRequested = false;
    for (ProvisioningJob job : state.provisioningJobs) {
      if (job.runningAt(nowMillis)) {
        updateRequested |= job.operation().equals(UPDATE_PROVISIONERS);
        job.nodes().stream().filter(n -> !nodes.contains(n)).forEach(nodes::add);
      }
    }
    String busy = nodes.isEmpty() ? "<none>" : String.join(",", nodes);
    return String.join("\n",
        "Provisioning subsystem status:          " + (nodes.isEmpty() && !updateRequested ? "idle" : "busy")
            + ", accepting requests",
        "Update of provisioning nodes requested: " + (updateRequested ? "yes" : "no"),
        "Maximum number of nodes provisioning:   10000",
        "Nodes currently provisioning:           " + nodes.size(),
        "Nodes waiting to be provisioned:        <none>",
        "Provisioning node " + state.headHostname + ":",
        "  Max number of provisioning nodes:     10",
        "  Nodes provisioning:                   " + nodes.size(),
        "  Nodes currently being provisioned:    " + busy);
  }
}
