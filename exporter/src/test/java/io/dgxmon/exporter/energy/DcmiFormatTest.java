package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.testkit.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shared capture of real {@code ipmitool dcmi power reading} and {@code ipmi-dcmi} output (energy/ipmi/, its
 * README has the sources and the decoded fields) parsed to what the exporter would serve or the one line it would
 * log. The tools exit 1 on a DCMI error (README, "Output format"); those captures are parsed with 1, the rest with 0.
 */
class DcmiFormatTest {
  /** File → the answer rendered by {@link #render}. */
  static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
      Map.entry("ipmitool-hpe-ilo4-dl360gen9.txt", "221 W; 213/487/222 W over 300 s; active"),
      Map.entry("ipmitool-asus-ami-esc8000a-e12.txt", "2064 W; 256/2240/320 W over 5 s; active"),
      Map.entry("ipmitool-gigabyte-g431-mm0.txt", "195 W; 188/1940/194 W over 5 s; active"),
      Map.entry("ipmitool-supermicro-truncated.txt", "109 W; 38/242/102 W over 65530 s; state ?"),
      Map.entry("ipmitool-supermicro-likely-windows.txt", "186 W; 129/386/198 W over 898033 s; active"),
      Map.entry("ipmitool-openbmc-witherspoon-deactivated.txt", "319 W; not active"),
      Map.entry("ipmitool-openbmc-ampere-zero.txt", "FAILED the BMC's power measurement is not active (it reads 0 W)"),
      Map.entry("ipmitool-openbmc-ampere-after-fix.txt", "360 W; not active"),
      Map.entry("ipmitool-unknown-lovoo-2017.txt", "215 W; 162/276/176 W over 1131466 s; active"),
      Map.entry("ipmitool-unknown-rabe-2022.txt", "197 W; 175/242/190 W over 123893 s; active"),
      Map.entry("ipmitool-ibm-openpower-gpu-2017-milliseconds.txt", "883 W; 930/998/952 W over 10 s; active"),
      Map.entry("ipmitool-ceems-testdata-gpu-node.txt", "2578 W; 2118/4294/2567 W over 300 s; active"),
      Map.entry("ipmitool-error-gigabyte-invalid-data-field-cc.txt",
          "FAILED exit status 1: DCMI request failed because: Invalid data field in request (cc)"),
      Map.entry("ipmitool-error-xenapi-unspecified-ff.txt",
          "FAILED exit status 1: DCMI request failed because: Unspecified error (ff)"),
      Map.entry("ipmitool-error-invalid-command-c1.txt",
          "FAILED exit status 1: DCMI request failed because: Invalid command (c1)"),
      Map.entry("ipmitool-error-not-supported-in-present-state-d5.txt",
          "FAILED exit status 1: DCMI request failed because: Command not supported in present state (d5)"),
      Map.entry("ipmitool-raw-lenovo-xcc.txt",
          "FAILED no power reading in the output: dc 39 00 38 00 3b 00 39 00 e3 6f 0a 39 e8 03 00 00 40"),
      Map.entry("ipmitool-raw-intel-nm-blog.txt",
          "FAILED no power reading in the output: dc 00 00 00 00 00 00 00 00 81 7e 20 53 a0 13 29"),
      Map.entry("ipmi-dcmi-chameleon-cloud.txt", "226 W; 0/650/236 W over 1 s; active"),
      Map.entry("ipmi-dcmi-canonical-not-available.txt", "105 W; not active"),
      Map.entry("ipmi-dcmi-ceems-testdata.txt", "332 W; 68/504/348 W over 2685198 s; active"),
      Map.entry("ipmi-dcmi-error-bad-completion-code.txt",
          "FAILED exit status 1: ipmi_cmd_dcmi_get_power_reading: bad completion code")));

  @Test
  void everyCaptureParsesToWhatTheExporterServes() {
    Map<String, String> actual = new TreeMap<>();
    EXPECTED.keySet().forEach(name -> actual.put(name, render(format(name).parse(IpmiCaptures.body(name),
        name.contains("-error-") ? 1 : 0))));
    assertEquals(EXPECTED, actual);
  }

  /** No capture is left out: a new file in the shared folder fails here until it has an expectation. */
  @Test
  void theTableCoversEveryCapture() throws IOException {
    Path folder = SharedFixtures.require("energy/ipmi/README.md").getParent();
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(new TreeSet<>(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt")).toList()),
          EXPECTED.keySet());
    }
    assertEquals(22, EXPECTED.size());
  }

  /** An error text is a failure even if the tool exited 0; a reading with a non-zero exit is not trusted. */
  @Test
  void theExitStatusAndTheTextMustBothSaySuccess() {
    assertEquals("FAILED no power reading in the output: DCMI request failed because: Invalid command (c1)",
        render(DcmiFormat.IPMITOOL.parse(IpmiCaptures.body("ipmitool-error-invalid-command-c1.txt"), 0)));
    assertEquals("FAILED exit status 2: Instantaneous power reading:                   221 Watts",
        render(DcmiFormat.IPMITOOL.parse(IpmiCaptures.body("ipmitool-hpe-ilo4-dl360gen9.txt"), 2)));
    assertEquals("FAILED no power reading in the output: (no output)", render(DcmiFormat.FREEIPMI.parse("", 0)));
  }

  /** Each tool's parser reads only its own labels: the other tool's output is no reading. */
  @Test
  void theFormatsDoNotMistakeEachOther() {
    assertEquals("FAILED no power reading in the output: Current Power                        : 332 Watts",
        render(DcmiFormat.IPMITOOL.parse(IpmiCaptures.body("ipmi-dcmi-ceems-testdata.txt"), 0)));
    assertEquals("FAILED no power reading in the output: Instantaneous power reading:                   221 Watts",
        render(DcmiFormat.FREEIPMI.parse(IpmiCaptures.body("ipmitool-hpe-ilo4-dl360gen9.txt"), 0)));
  }

  private static DcmiFormat format(String name) {
    return name.startsWith("ipmi-dcmi") ? DcmiFormat.FREEIPMI : DcmiFormat.IPMITOOL;
  }

  static String render(DcmiAnswer answer) {
    if (answer.reading().isEmpty()) {
      return "FAILED " + answer.problem();
    }
    DcmiReading r = answer.reading().get();
    String state = r.measurementActive().map(a -> a ? "active" : "not active").orElse("state ?");
    if (r.averageWatts().isEmpty()) {
      return n(r.currentWatts()) + " W; " + state;
    }
    return n(r.currentWatts()) + " W; " + n(r.minimumWatts().getAsDouble()) + "/" + n(r.maximumWatts().getAsDouble())
        + "/" + n(r.averageWatts().getAsDouble()) + " W over " + n(r.periodSeconds().getAsDouble()) + " s; " + state;
  }

  private static String n(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
