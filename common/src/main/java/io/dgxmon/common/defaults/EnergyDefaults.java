package io.dgxmon.common.defaults;

/**
 * Defaults of the exporter's BMC reading that the deployer needs too: it refuses an {@code ipmiTimeout} longer than
 * the interval the exporter will use, also when one of the two is left at its default. Compile-time constants, so
 * picocli annotations can use them.
 */
public final class EnergyDefaults {
  private EnergyDefaults() {}

  /** Pause between two BMC readings. */
  public static final String IPMI_INTERVAL = "30s";
  /** Longest a BMC reading may run; never longer than the interval. */
  public static final String IPMI_TIMEOUT = "10s";
}
