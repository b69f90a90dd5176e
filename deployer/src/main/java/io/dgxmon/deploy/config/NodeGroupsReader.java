package io.dgxmon.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgxmon.common.config.JsonFields;
import io.dgxmon.deploy.config.DeployConfig.NodeGroup;
import io.dgxmon.deploy.config.DeployConfig.Ssh;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads {@code nodes}: a list whose entries are a host expression or an object with {@code hosts} and settings. */
final class NodeGroupsReader {
  private static final Pattern ARCH = Pattern.compile("x86_64|arm64");

  private NodeGroupsReader() {}

  static List<NodeGroup> read(JsonFields top, Ssh ssh) {
    JsonNode nodes = top.raw("nodes");
    List<NodeGroup> groups = new ArrayList<>();
    if (nodes == null) {
      return groups;
    }
    if (!nodes.isArray()) {
      top.problems().add("nodes", "expected a list of host names, ranges (dgx-[01-32]) or objects");
      return groups;
    }
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode entry = nodes.get(i);
      String path = "nodes[" + i + "]";
      if (entry.isTextual()) {
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode().put("hosts", entry.asText());
        entry = wrapped;
      } else if (!entry.isObject()) {
        top.problems().add(path, "expected a host expression or an object, got " + entry);
        continue;
      }
      groups.add(group(new JsonFields(entry, path, top.problems()), ssh));
    }
    return List.copyOf(groups);
  }

  private static NodeGroup group(JsonFields f, Ssh ssh) {
    List<String> hosts = hosts(f);
    String image = FieldRules.SOFTWARE_IMAGE.read(f, "softwareImage", null);
    String root = SafePaths.absolutePath(f, "targetRoot", null);
    if (image != null && root != null) {
      f.problems().add(f.fieldPath("targetRoot"), "give either targetRoot or softwareImage, not both");
    }
    if (image == null && hosts.isEmpty()) {
      f.problems().add(f.fieldPath("hosts"), "is required (a host, a range like dgx-[01-32], or a list of them)");
    }
    String address = f.matching("address", null, HostRange.HOST_NAME, "a host name or IPv4 address");
    if (address != null && hosts.size() != 1) {
      f.problems().add(f.fieldPath("address"), "can only be given for a group of exactly one host");
    }
    JsonFields sshOverride = f.object("ssh");
    int port = ssh.port();
    String user = ssh.user();
    if (sshOverride != null) {
      port = FieldRules.PORT.read(sshOverride, "port", port);
      user = FieldRules.USER.read(sshOverride, "user", user);
      sshOverride.finish();
    }
    String arch = f.matching("arch", "x86_64", ARCH, "\"x86_64\" or \"arm64\"");
    f.finish();
    String effectiveRoot = image != null ? "/cm/images/" + image : root == null ? "/" : root;
    return new NodeGroup(hosts, address, port, user, effectiveRoot, image, arch);
  }

  private static List<String> hosts(JsonFields f) {
    JsonNode v = f.raw("hosts");
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    List<JsonNode> items = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(items::add);
    } else {
      items.add(v);
    }
    for (int i = 0; i < items.size(); i++) {
      String p = v.isArray() ? f.fieldPath("hosts") + "[" + i + "]" : f.fieldPath("hosts");
      JsonNode item = items.get(i);
      if (!item.isTextual()) {
        f.problems().add(p, "expected a host name or range, got " + item);
        continue;
      }
      try {
        out.addAll(HostRange.expand(item.asText()));
      } catch (IllegalArgumentException e) {
        f.problems().add(p, e.getMessage());
      }
    }
    return List.copyOf(out);
  }
}
