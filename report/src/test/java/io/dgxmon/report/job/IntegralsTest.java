package io.dgxmon.report.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.report.prom.RangeSeries.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegralsTest {
  @Test
  void eachPowerSampleHoldsUntilTheNextAndTheLastForTheTypicalInterval() {
    List<Point> watts = List.of(new Point(0, 100), new Point(30, 200), new Point(60, 300));
    assertEquals(100 * 30 + 200 * 30 + 300 * 30, Integrals.joules(watts), 1e-9);
  }

  @Test
  void aGapCountsForAtMostThreeIntervals() {
    List<Point> watts = List.of(new Point(0, 10), new Point(30, 10), new Point(60, 10), new Point(600, 10));
    assertEquals(10 * (30 + 30 + 90 + 30), Integrals.joules(watts), 1e-9);
  }

  @Test
  void noSamplesNoEnergyAndOneSampleNoInterval() {
    assertEquals(0, Integrals.joules(List.of()));
    assertEquals(0, Integrals.joules(List.of(new Point(5, 100))));
  }

  @Test
  void aCounterResetRestartsFromZeroLikePrometheus() {
    List<Point> mj = List.of(new Point(0, 1000), new Point(30, 1500), new Point(60, 200), new Point(90, 700));
    assertEquals(500 + 200 + 500, Integrals.increase(mj), 1e-9);
  }

  @Test
  void theMedianIntervalIgnoresOneOddGap() {
    assertEquals(30, Integrals.medianInterval(List.of(new Point(0, 0), new Point(30, 0), new Point(60, 0),
        new Point(400, 0))));
  }
}
