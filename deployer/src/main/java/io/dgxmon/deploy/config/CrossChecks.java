package io.dgxmon.deploy.config;

import io.dgxmon.common.config.ConfigProblems;
import java.util.HashMap;
import java.util.Map;

/** Rules that relate several fields (each single field was already checked where it was read). */
final class CrossChecks {
  /** BCM's shared storage, NFS-mounted from the head node on every node. */
  private static final String BCM_SHARED = "/cm/shared";

  private CrossChecks() {}

  static void check(DeployConfig c, ConfigProblems problems) {
    var comp = c.components();
    if (!comp.exporter() && !comp.slurmScripts() && !comp.roleMonitor() && !comp.prometheusSample()) {
      problems.add("components", "nothing to install: every component is false");
    }
    boolean needsHead = comp.roleMonitor() || comp.prometheusSample() || c.grabImage() != null
        || c.nodes().stream().anyMatch(g -> g.softwareImage() != null);
    if (needsHead && !c.hasHeadNode()) {
      problems.add("headNode", "is required for the role monitor, the Prometheus sample, software images and grabImage");
    }
    if (c.nodes().isEmpty() && (comp.exporter() || comp.slurmScripts())) {
      problems.add("nodes", "is required: at least one node, range (dgx-[01-32]) or software image");
    }
    ConfigReader.duplicates(c.nodes()).forEach(h -> problems.add("nodes", "host \"" + h + "\" is listed twice"));
    // A headNode without host was already reported; contains(null) on an immutable list would throw.
    if (c.hasHeadNode() && c.headNode().host() != null
        && c.nodes().stream().anyMatch(g -> g.hosts().contains(c.headNode().host()))) {
      problems.add("headNode.host", "\"" + c.headNode().host() + "\" is also listed in nodes");
    }
    if (c.grabImage() != null && c.grabImage().fromNode() != null) {
      boolean deployedNode = c.nodes().stream()
          .filter(g -> g.softwareImage() == null)
          .anyMatch(g -> g.hosts().contains(c.grabImage().fromNode()));
      if (!deployedNode) {
        problems.add("grabImage.fromNode", "\"" + c.grabImage().fromNode() + "\" is not a node deployed over SSH");
      }
    }
    checkPorts(c, problems);
    checkImageUpdates(c, problems);
    checkInstallDir(c.paths().installDir(), problems);
  }

  // Every node would unpack into the same directory, and an exporter running from a hung share stops answering and
  // cannot be restarted: measured in docs/reference/shared-storage.md, decided in docs/Scaling.md.
  private static void checkInstallDir(String dir, ConfigProblems problems) {
    if (dir.equals(BCM_SHARED) || dir.startsWith(BCM_SHARED + "/")) {
      problems.add("paths.installDir", "\"" + dir + "\" is on BCM's shared storage, which dgxmon does not run from: "
          + "use a directory on each node's own disk such as /opt/dgxmon, or a software image for many nodes "
          + "(docs/Scaling.md, \"One runtime on /cm/shared? (no)\")");
    }
  }

  private static void checkImageUpdates(DeployConfig c, ConfigProblems problems) {
    if (!c.provisioning().updateImages()) {
      return;
    }
    boolean anyImage = false;
    for (int i = 0; i < c.nodes().size(); i++) {
      var g = c.nodes().get(i);
      anyImage |= g.softwareImage() != null;
      if (g.softwareImage() != null && g.categories().isEmpty()) {
        problems.add("nodes[" + i + "].categories", "is required when provisioning.updateImages is true (imageupdate "
            + "-c <category> updates the nodes of those categories)");
      }
    }
    if (!anyImage) {
      problems.add("provisioning.updateImages", "is true but no nodes entry has a softwareImage");
    }
  }

  private static void checkPorts(DeployConfig c, ConfigProblems problems) {
    Map<Integer, String> used = new HashMap<>();
    var p = c.ports();
    Map<String, Integer> listeners = new java.util.LinkedHashMap<>();
    listeners.put("ports.dcgm", p.dcgm());
    listeners.put("ports.gpu", p.gpu());
    listeners.put("ports.cgroup", p.cgroup());
    listeners.put("ports.nodeExporter", p.nodeExporter());
    listeners.forEach((name, port) -> {
      String other = port == 0 ? null : used.putIfAbsent(port, name);
      if (other != null) {
        problems.add(name, port + " is already used by " + other);
      }
    });
    if (c.components().exporter() && p.dcgm() == 0 && p.gpu() == 0 && p.cgroup() == 0) {
      problems.add("ports", "the exporter needs at least one of dcgm, gpu, cgroup (0 turns a listener off)");
    }
  }
}
