package io.dgxmon.exporter.config;

import java.util.Arrays;

/** The two maintained programs that read a BMC's DCMI power reading, by their config value. */
public enum DcmiToolKind {
  /** {@code ipmitool dcmi power reading}. */
  IPMITOOL("ipmitool", "/usr/bin/ipmitool"),
  /** FreeIPMI's {@code ipmi-dcmi --get-system-power-statistics}. */
  IPMI_DCMI("ipmi-dcmi", "/usr/sbin/ipmi-dcmi");

  private final String configValue;
  private final String defaultPath;

  DcmiToolKind(String configValue, String defaultPath) {
    this.configValue = configValue;
    this.defaultPath = defaultPath;
  }

  public String configValue() {
    return configValue;
  }

  /** Where Debian and DGX OS (Ubuntu) install the program. */
  public String defaultPath() {
    return defaultPath;
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static DcmiToolKind parse(String text) {
    return Arrays.stream(values()).filter(k -> k.configValue.equals(text.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not off, ipmitool or ipmi-dcmi"));
  }
}
