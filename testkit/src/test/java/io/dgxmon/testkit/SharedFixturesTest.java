package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class SharedFixturesTest {
  @TempDir Path dir;

  private Path checkout() throws IOException {
    Path root = Files.createDirectories(dir.resolve("checkout/exporter"));
    Files.writeString(dir.resolve("checkout/setup.sh"), "");
    Files.writeString(dir.resolve("checkout/pom.xml"), "");
    return root;
  }

  @Test
  void aPresentFixtureIsFoundBesideTheCheckout() throws IOException {
    Path module = checkout();
    Path csv = Files.createDirectories(dir.resolve("shared/fixtures/dcgm-exporter")).resolve("counters.csv");
    Files.writeString(csv, "DCGM_FI_DEV_GPU_TEMP, gauge, GPU temperature (in C).\n");
    Path root = SharedFixtures.checkoutRoot(module);
    assertEquals(csv, SharedFixtures.require(root, "dcgm-exporter/counters.csv"));
  }

  @Test
  void anAbsentFixtureFailsNamingItAndDoesNotSkip() throws IOException {
    Path root = SharedFixtures.checkoutRoot(checkout());
    AssertionFailedError failure =
        assertThrows(AssertionFailedError.class, () -> SharedFixtures.require(root, "jobstats/grafana/x.json"));
    assertTrue(failure.getMessage().startsWith("real-world fixture jobstats/grafana/x.json not found at "
        + dir.resolve("shared/fixtures/jobstats/grafana/x.json")), failure.getMessage());
  }
}
