package io.dgxmon.rolemonitor.cmsh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the text of one {@link CmshQuery} run into a {@link ClusterSnapshot}, or refuses it. Without
 * marker lines, completeness is proved by shape and agreement: each JSON array must be whole, every
 * watched device and every listed category must have exactly one roles block, every node's category must
 * be a listed category, and the answer must end with {@code versioninfo}. Anything else (an error
 * message, a cut-off answer, stray text) throws {@link CmshParseException}: acting on half an answer
 * would delete targets.
 */
public final class CmshOutputParser {
  private CmshOutputParser() {}

  /** Parses the answer to {@link CmshQuery#script} for {@code nodeTypes} (lower-case cmsh type names). */
  public static ClusterSnapshot parse(String output, Set<String> nodeTypes) throws CmshParseException {
    AnswerLines in = new AnswerLines(output);
    if (in.atEnd()) {
      throw new CmshParseException("cmsh printed nothing (is this cmsh? the device list never came)");
    }
    List<Device> devices = DeviceSection.parse(in.takeJsonArray("device list"));
    Set<String> watched = new LinkedHashSet<>();
    devices.stream().filter(d -> nodeTypes.contains(d.type().toLowerCase(Locale.ROOT)))
        .forEach(d -> watched.add(d.hostname()));
    Map<String, RoleListing> nodeRoles = RoleBlocks.parse(in, watched, "node");
    Set<String> categories = categoryNames(in);
    Map<String, RoleListing> categoryRoles = RoleBlocks.parse(in, categories, "category");
    List<Overlay> overlays = OverlaySection.parse(in.takeJsonArray("configuration overlay list"));
    VersionInfo version = VersionSection.parse(in.rest());
    List<String> warnings = new ArrayList<>();
    List<Device> usable = new ArrayList<>();
    for (Device device : devices) {
      if (!DeviceSection.usableHostname(device.hostname())) {
        warnings.add("skipped device with hostname " + FixedWidthTable.quote(device.hostname())
            + ": not a valid hostname");
      } else {
        checkCategory(device, watched, categories);
        usable.add(device);
      }
    }
    return new ClusterSnapshot(usable, nodeRoles, categoryRoles, overlays, version, warnings);
  }

  private static Set<String> categoryNames(AnswerLines in) throws CmshParseException {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, String> row : ListRows.read(in.takeJsonArray("category list"), "category list")) {
      names.add(ListRows.required(row, "name", "category list"));
    }
    return names;
  }

  private static void checkCategory(Device device, Set<String> watched, Set<String> categories)
      throws CmshParseException {
    if (watched.contains(device.hostname()) && !device.category().isEmpty()
        && !categories.contains(device.category())) {
      throw new CmshParseException("cmsh answer does not agree with itself: " + device.hostname()
          + " is in category " + device.category() + ", which the category list does not have");
    }
  }
}
