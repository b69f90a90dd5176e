package io.dgxmon.exporter.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextFormatTest {

  private static String value(double v) {
    StringBuilder out = new StringBuilder();
    TextFormat.value(v, out);
    return out.toString();
  }

  @Test
  void numbersAreWrittenAsDoubleToStringWritesThem() {
    double[] edges = {0, -0.0, 1, -1, 9_999_999, 10_000_000, -10_000_000, 10_000_001, 13_631_488, 1.7179869184E10,
        0x1p53 - 1, 0x1p53, 0x1p53 + 2, -(0x1p53 - 1), Long.MAX_VALUE, 1e300, 12.345678901, 0.001, 1e-4,
        Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
        100_000_000, 123_000_000_000.0, 4.0e15};
    for (double v : edges) {
      assertEquals(Double.toString(v), value(v), "value " + v);
    }
  }

  @Test
  void infinitiesAreWrittenAsTheTextFormatSpellsThem() {
    assertEquals("+Inf", value(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", value(Double.NEGATIVE_INFINITY));
  }

  @Test
  void everyIntegralMagnitudeMatchesDoubleToString() {
    SplittableRandom random = new SplittableRandom(16);
    for (int i = 0; i < 200_000; i++) {
      long bound = 1L << random.nextInt(1, 54); // every magnitude from 2 to 2^53
      double v = random.nextLong(-bound, bound);
      assertEquals(Double.toString(v), value(v), "value " + v);
      double trailingZeros = Math.rint(v / 1000) * 1000; // byte counts are often round
      assertEquals(Double.toString(trailingZeros), value(trailingZeros), "value " + trailingZeros);
    }
  }

  @Test
  void labelValuesAreEscaped() {
    StringBuilder out = new StringBuilder();
    TextFormat.label("step", "a\"b\\c\nd", out);
    assertEquals("step=\"a\\\"b\\\\c\\nd\"", out.toString());
  }
}
