package io.dgxmon.exporter.dcgm;

/**
 * A family's {@code # TYPE}: the second column of dcgm-exporter's counter CSV, written verbatim. A dcgm counter keeps
 * its name (no {@code _total}), e.g. {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}.
 */
public enum DcgmType {
  COUNTER("counter"),
  GAUGE("gauge");

  private final String text;

  DcgmType(String text) {
    this.text = text;
  }

  /** The word after the family name in {@code # TYPE}. */
  public String text() {
    return text;
  }
}
