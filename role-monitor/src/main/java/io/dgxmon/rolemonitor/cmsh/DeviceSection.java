package io.dgxmon.rolemonitor.cmsh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The devices section ({@code device; list -f ... -d {}}): one {@link Device} per row. */
final class DeviceSection {
  /** A hostname becomes {@code <targetsDir>/<hostname>.json}: no slashes, no leading dot, no "..". */
  static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

  private DeviceSection() {}

  static List<Device> parse(JsonNode array) throws CmshParseException {
    List<Device> devices = new ArrayList<>();
    String what = "device list";
    for (Map<String, String> row : ListRows.read(array, what)) {
      devices.add(new Device(ListRows.required(row, "hostname", what),
          ListRows.required(row, "type", what),
          ListRows.optional(row, "category", what),
          ListRows.optional(row, "ip", what),
          row.getOrDefault("status", "")));
    }
    return devices;
  }

  /** Whether {@code hostname} can name a file in the targets directory. */
  static boolean usableHostname(String hostname) {
    return hostname.length() <= 253 && HOSTNAME.matcher(hostname).matches();
  }
}
