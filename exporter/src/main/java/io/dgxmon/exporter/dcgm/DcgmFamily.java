package io.dgxmon.exporter.dcgm;

import java.util.List;

/**
 * One dcgm-exporter family: a row of its counter CSV ({@code name, type, help}) and this scrape's series. A family
 * without series is not written at all, as in dcgm-exporter (blank and unsupported values leave the series out).
 */
public record DcgmFamily(String name, DcgmType type, String help, List<DcgmSample> samples) {
  public DcgmFamily {
    samples = List.copyOf(samples);
  }
}
