package io.dgxmon.rolemonitor.cmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The devices section: one {@link Device} per row; rows whose hostname cannot be a file name are skipped. */
final class DeviceSection {
  /** A hostname becomes {@code <targetsDir>/<hostname>.json}: no slashes, no leading dot, no "..". */
  static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

  private DeviceSection() {}

  static List<Device> parse(List<String> lines, List<String> warnings) throws CmshParseException {
    List<Device> devices = new ArrayList<>();
    for (Map<String, String> row : ListRows.read(lines, "device list")) {
      String hostname = ListRows.required(row, "hostname", "device list");
      if (hostname.length() > 253 || !HOSTNAME.matcher(hostname).matches()) {
        warnings.add("skipped device with hostname " + FixedWidthTable.quote(hostname) + ": not a valid hostname");
        continue;
      }
      devices.add(new Device(hostname,
          ListRows.required(row, "type", "device list"),
          ListRows.optional(row, "category", "device list"),
          ListRows.optional(row, "ip", "device list"),
          row.getOrDefault("status", "")));
    }
    return devices;
  }
}
