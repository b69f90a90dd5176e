package io.dgxmon.exporter.energy;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One DCMI power reading of the BMC. The statistics (minimum, maximum, average, period) are the BMC's own over its
 * reporting period; they are left out when the BMC says its power measurement is not active.
 *
 * @param currentWatts the instantaneous reading
 * @param measurementActive the state the tool printed ({@code activated} / {@code Active}); empty when missing
 */
public record DcmiReading(double currentWatts, OptionalDouble minimumWatts, OptionalDouble maximumWatts,
    OptionalDouble averageWatts, OptionalDouble periodSeconds, Optional<Boolean> measurementActive) {}
