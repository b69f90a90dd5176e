package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.cgroup.Exposition;
import io.dgxmon.exporter.config.DcmiToolKind;
import io.dgxmon.exporter.config.EnergyConfig.DcmiTool;
import io.dgxmon.exporter.scrape.Source;
import io.dgxmon.testkit.Await;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BMC reading in the background: what scrapes see, failures, a hung tool killed, programs refused. */
class BmcPowerPollerTest {
  static final Duration SECOND = Duration.ofSeconds(1);
  @TempDir Path tmp;
  final List<String> log = new ArrayList<>();
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  static String text(BmcPowerPoller poller, long nowNanos) {
    return Exposition.text(NodePowerMetrics.snapshots(poller.state(), nowNanos, SECOND.toNanos()));
  }

  BmcPowerPoller poller(Deque<DcmiAnswer> answers) {
    return new BmcPowerPoller(answers::removeFirst, SECOND, log::add, now::get);
  }

  static DcmiAnswer capture(String name) {
    return DcmiFormat.IPMITOOL.parse(IpmiCaptures.body(name), name.contains("-error-") ? 1 : 0);
  }

  @Test
  void beforeTheFirstReadingOnlyTheFailureCounterIsServed() {
    assertEquals("""
        # HELP dgxmon_node_power_reading_failures_total BMC power readings that failed or timed out
        # TYPE dgxmon_node_power_reading_failures_total counter
        dgxmon_node_power_reading_failures_total 0.0
        """, text(poller(new ArrayDeque<>()), now.get()));
  }

  /** A failure keeps the last good reading (with its growing age), counts, and is logged once until it recovers. */
  @Test
  void aFailureServesTheLastReadingWithItsAge() {
    BmcPowerPoller poller = poller(new ArrayDeque<>(List.of(capture("ipmitool-hpe-ilo4-dl360gen9.txt"),
        capture("ipmitool-error-xenapi-unspecified-ff.txt"), capture("ipmitool-error-xenapi-unspecified-ff.txt"),
        capture("ipmitool-asus-ami-esc8000a-e12.txt"))));
    poller.pollOnce();
    now.addAndGet(2_500_000_000L);
    poller.pollOnce();
    poller.pollOnce();
    String text = text(poller, now.get());
    assertTrue(text.contains("dgxmon_node_power_watts 221.0\n"), text);
    assertTrue(text.contains("dgxmon_node_power_reading_age_seconds 2.5\n"), text);
    assertTrue(text.contains("dgxmon_node_power_reading_success 0.0\n"), text);
    assertTrue(text.contains("dgxmon_node_power_reading_failures_total 2.0\n"), text);
    poller.pollOnce();
    text = text(poller, now.get());
    assertTrue(text.contains("dgxmon_node_power_watts 2064.0\n"), text);
    assertTrue(text.contains("dgxmon_node_power_reading_age_seconds 0.0\n"), text);
    assertTrue(text.contains("dgxmon_node_power_reading_success 1.0\n"), text);
    assertEquals(List.of("BMC power reading failed: exit status 1: DCMI request failed because: Unspecified error (ff)"
        + " (logged again when it changes)", "BMC power reading works again"), log);
  }

  /** Past five intervals without a good reading the watts are no longer served; the failures still are. */
  @Test
  void aStaleReadingIsDropped() {
    BmcPowerPoller poller = poller(new ArrayDeque<>(List.of(capture("ipmitool-hpe-ilo4-dl360gen9.txt"))));
    poller.pollOnce();
    assertTrue(text(poller, now.get() + 5 * SECOND.toNanos()).contains("dgxmon_node_power_watts 221.0"));
    String stale = text(poller, now.get() + 5 * SECOND.toNanos() + 1);
    assertFalse(stale.contains("dgxmon_node_power_watts") || stale.contains("age_seconds"), stale);
    assertTrue(stale.contains("dgxmon_node_power_reading_success 1.0"), stale);
  }

  /** OpenBMC's "deactivated" with a real value: the instantaneous reading only, and the state said. */
  @Test
  void aMeasurementNotActiveServesTheInstantaneousValueOnly() {
    BmcPowerPoller poller = poller(new ArrayDeque<>(List.of(
        capture("ipmitool-openbmc-witherspoon-deactivated.txt"))));
    poller.pollOnce();
    String text = text(poller, now.get());
    assertTrue(text.contains("dgxmon_node_power_watts 319.0\n"), text);
    assertTrue(text.contains("dgxmon_node_power_measurement_active 0.0\n"), text);
    assertFalse(text.contains("average_watts") || text.contains("minimum") || text.contains("period"), text);
  }

  /**
   * A BMC that never answers: the tool (a script and its child, both still running) is killed at the timeout,
   * and a scrape meanwhile returns at once from the poller's state: the scrape never waited for it.
   */
  @Test
  void aHungToolIsKilledWithItsChildrenAndNeverHoldsAScrape() throws Exception {
    Path pids = tmp.resolve("pids");
    Path release = tmp.resolve("release");
    Path tool = IpmiCaptures.fakeTool(tmp, "ipmitool", "echo $$ > '" + pids + "'\nsleep 300 &\necho $! >> '" + pids
        + "'\nwhile [ ! -e '" + release + "' ]; do sleep 0.05; done\nwait");
    DcmiReader reader = new DcmiReader(new DcmiTool(DcmiToolKind.IPMITOOL, tool), Duration.ofSeconds(30));
    try (BmcPowerPoller poller = new BmcPowerPoller(reader::read, Duration.ofMinutes(10), log::add,
        System::nanoTime).start()) {
      List<Long> running = Await.until("the fake tool and its child running", Duration.ofSeconds(20),
          () -> Files.readAllLines(pids).stream().map(Long::parseLong).toList(), p -> p.size() == 2);
      Source<MetricSnapshots> scrape = EnergyProfile.ipmiSource(poller);
      String text = Exposition.text(scrape.collect());
      assertTrue(running.stream().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
          "the scrape returned while the BMC tool still runs");
      assertEquals("dgxmon_node_power_reading_failures_total 0.0", text.lines().filter(l -> !l.startsWith("#"))
          .reduce((a, b) -> a + "\n" + b).orElse(""));
    }
    reader.close();
    DcmiReader impatient = new DcmiReader(new DcmiTool(DcmiToolKind.IPMITOOL, tool), Duration.ofMillis(300));
    Files.deleteIfExists(pids);
    assertEquals("ipmitool did not answer within 300 ms and was killed (BMC busy or not answering)",
        impatient.read().problem());
    List<Long> killed = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
    assertEquals(2, killed.size());
    Await.until("the tool and its child gone", Duration.ofSeconds(10),
        () -> killed.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    Files.writeString(release, "");
  }

  @Test
  void theToolRunsWithItsFixedArgumentsAndACleanEnvironment() throws Exception {
    Path tool = IpmiCaptures.fakeTool(tmp, "ipmi-dcmi", "echo \"args=$*\"; echo \"env=$(env | sort | tr '\\n' ' ')\"");
    ToolRunner.Run run = new ToolRunner().run(DcmiReader.argv(new DcmiTool(DcmiToolKind.IPMI_DCMI, tool)), SECOND);
    assertEquals("args=--get-system-power-statistics\nenv=LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin PWD="
        + Path.of("").toAbsolutePath() + " \n", run.output().replaceAll("SHLVL=1 |_=/usr/bin/env ", ""));
    assertEquals(List.of(tool.toString(), "dcmi", "power", "reading"),
        DcmiReader.argv(new DcmiTool(DcmiToolKind.IPMITOOL, tool)));
  }

  @Test
  void aProgramThatIsMissingOrWritableByOthersIsNotRun() throws Exception {
    Path tool = IpmiCaptures.printing(tmp, "ipmitool-hpe-ilo4-dl360gen9.txt", 0);
    assertEquals(null, DcmiReader.programProblem(tool));
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals(tool + " is writable by group or others; not run", DcmiReader.programProblem(tool));
    assertEquals(tmp.resolve("none") + " does not exist (install the tool or set ipmi.tool-path)",
        new DcmiReader(new DcmiTool(DcmiToolKind.IPMITOOL, tmp.resolve("none")), SECOND).read().problem());
    assertEquals(tmp + " is not an executable file", DcmiReader.programProblem(tmp));
  }
}
