package io.dgxmon.exporter.energy;

import java.util.Optional;

/**
 * What one run of the DCMI tool gave: a reading, or one line saying why there is none.
 *
 * @param reading the reading; empty exactly when {@code problem} is set
 */
public record DcmiAnswer(Optional<DcmiReading> reading, String problem) {

  public static DcmiAnswer of(DcmiReading reading) {
    return new DcmiAnswer(Optional.of(reading), "");
  }

  public static DcmiAnswer failed(String problem) {
    return new DcmiAnswer(Optional.empty(), problem);
  }
}
