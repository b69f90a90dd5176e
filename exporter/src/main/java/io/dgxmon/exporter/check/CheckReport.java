package io.dgxmon.exporter.check;

import static io.dgxmon.exporter.check.CheckLine.fail;
import static io.dgxmon.exporter.check.CheckLine.info;
import static io.dgxmon.exporter.check.CheckLine.ok;
import static io.dgxmon.exporter.check.CheckLine.warn;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.exporter.check.CheckLine.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code dgxmon-exporter --check} prints, built from plain facts: one section per topic ({@code [nvml]},
 * {@code [gpu 0]}, {@code [cgroup]}, {@code [files]}, {@code [kubernetes]}, {@code [energy]}, {@code [listen]},
 * {@code [result]}), every other line starting with {@code OK}, {@code WARN}, {@code FAIL} or {@code INFO}. Pure.
 *
 * @param configSource the config file, or {@code command line}
 */
public record CheckReport(String configSource, String hostname, NvmlFacts nvml, CgroupFacts cgroup,
    List<DirFacts> dirs, MigMapFacts migMap, List<PortFacts> ports, KubeletFacts kubelet, EnergyFacts energy) {
  static final String HEADER = "dgxmon-exporter --check: what the service would see on this node."
      + " Writes no file; each listen port is bound for a moment and released.";
  private static final int SHOWN = 5;

  public CheckReport {
    dirs = List.copyOf(dirs);
    ports = List.copyOf(ports);
  }

  /** The whole report: the header, then each section's header and lines. */
  public List<String> text() {
    List<String> out = new ArrayList<>(List.of(HEADER));
    Map<String, List<CheckLine>> sections = sections();
    sections.put("result", resultLines(sections));
    sections.forEach((name, lines) -> {
      out.add("[" + name + "]");
      lines.forEach(line -> out.add(line.render()));
    });
    return out;
  }

  /** 1 when a FAIL line says the service would not start or serve; else 0 (warnings included). */
  public int exitCode() {
    return firstFail(sections()).isEmpty() ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
  }

  /** {@code 8 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped}: the deployer's one line per node. */
  public String summary() {
    String gpus = !nvml.used() ? "NVML not used" : nvml.problem().isPresent() ? "no NVML"
        : nvml.gpus().size() + " GPUs, driver " + nvml.driverVersion();
    String cgroups = cgroup.problem().isPresent() ? "no cgroup root" : "cgroup " + cgroup.version();
    int mapped = dirs.isEmpty() ? 0 : dirs.get(0).jobs();
    return gpus + ", " + cgroups + ", " + mapped + " job" + (mapped == 1 ? "" : "s") + " mapped";
  }

  /** Every section but the result, in print order. */
  private Map<String, List<CheckLine>> sections() {
    Map<String, List<CheckLine>> sections = new LinkedHashMap<>();
    sections.put("config", List.of(ok("config", configSource + " is valid"), info("config", "hostname " + hostname)));
    sections.put("nvml", GpuLines.nvml(nvml));
    nvml.gpus().forEach(gpu -> sections.put("gpu " + gpu.identity().index(), GpuLines.gpu(gpu)));
    sections.put("cgroup", cgroupLines());
    List<CheckLine> files = new ArrayList<>();
    dirs.forEach(dir -> files.addAll(dirLines(dir)));
    files.add(migMapLine());
    sections.put("files", files);
    sections.put("kubernetes", List.of(kubeletLine()));
    sections.put("energy", EnergyLines.lines(energy));
    sections.put("listen", ports.stream().map(CheckReport::portLine).toList());
    return sections;
  }

  private List<CheckLine> resultLines(Map<String, List<CheckLine>> sections) {
    long warnings = sections.values().stream().flatMap(List::stream).filter(l -> l.level() == Level.WARN).count();
    CheckLine result = firstFail(sections)
        .map(failed -> fail("result", "the service would not start: " + failed.topic() + ": " + failed.text()))
        .orElse(ok("result", "the service would start and serve (" + warnings + " warning"
            + (warnings == 1 ? "" : "s") + ")"));
    return List.of(info("summary", summary()), result);
  }

  private static Optional<CheckLine> firstFail(Map<String, List<CheckLine>> sections) {
    return sections.values().stream().flatMap(List::stream).filter(l -> l.level() == Level.FAIL).findFirst();
  }

  private List<CheckLine> cgroupLines() {
    if (cgroup.problem().isPresent()) {
      return List.of(warn("cgroup", cgroup.problem().get()
          + " (the service still starts; its cgroup collector reports success 0)"));
    }
    List<CheckLine> lines = new ArrayList<>();
    lines.add(ok("cgroup", cgroup.version() + " at " + cgroup.root() + "; Slurm directories: "
        + (cgroup.slurmDirs().isEmpty() ? "none yet (slurmd creates them)" : String.join(", ", cgroup.slurmDirs()))));
    lines.add(info("cgroup", cgroup.jobIds().size() + " job cgroup" + (cgroup.jobIds().size() == 1 ? "" : "s")
        + first(cgroup.jobIds())));
    return lines;
  }

  private static List<CheckLine> dirLines(DirFacts dir) {
    String topic = dir.topic();
    return switch (dir.state()) {
      case OFF -> List.of(info(topic, "off"));
      case MISSING -> List.of(info(topic, dir.dir().orElseThrow()
          + " does not exist (the prolog creates it with the first job; nothing to read)"));
      case UNREADABLE -> List.of(warn(topic, "cannot list " + dir.dir().orElseThrow() + ": " + dir.problem()));
      case PRESENT -> presentDirLines(dir);
    };
  }

  private static List<CheckLine> presentDirLines(DirFacts dir) {
    List<CheckLine> lines = new ArrayList<>();
    lines.add(ok(dir.topic(), dir.dir().orElseThrow() + ": " + dir.readCount() + " file"
        + (dir.readCount() == 1 ? "" : "s") + " read" + (dir.holds().isEmpty() ? "" : ": " + dir.holds())));
    dir.skipped().stream().limit(SHOWN)
        .forEach(s -> lines.add(info(dir.topic(), "skips " + s.name() + ": " + s.reason())));
    if (dir.skipped().size() > SHOWN) {
      lines.add(info(dir.topic(), "skips " + (dir.skipped().size() - SHOWN) + " more"));
    }
    return lines;
  }

  private CheckLine migMapLine() {
    String topic = "mig map";
    if (migMap.problem().isPresent()) {
      return warn(topic, "cannot read " + migMap.file() + ": " + migMap.problem().get());
    }
    String now = migMap.current().map(text -> migMap.file() + ": " + counts(text))
        .orElse(migMap.file() + " does not exist");
    if (migMap.wouldWrite().isEmpty()) {
      return info(topic, now + " (not compared: no NVML read)");
    }
    String next = migMap.wouldWrite().get();
    if (migMap.current().isPresent() && migMap.current().get().equals(next)) {
      return ok(topic, now + "; matches what the service would write");
    }
    return info(topic, now + "; the service would write " + counts(next));
  }

  private static String counts(String text) {
    return MigMapFacts.lines(text) + " lines (" + MigMapFacts.migLines(text) + " MIG)";
  }

  private CheckLine kubeletLine() {
    String topic = "kubernetes";
    String socket = kubelet.socket().toString();
    return switch (kubelet.state()) {
      case OFF -> info(topic, "off: no pod labels");
      case ABSENT -> kubelet.required()
          ? warn(topic, socket + " does not exist; GPU series get no pod labels until the kubelet creates it")
          : info(topic, socket + " does not exist: not a Kubernetes node, no pod labels");
      case ANSWERS -> ok(topic, socket + " answers: " + kubelet.allocatable() + " GPU/MIG devices allocatable, "
          + kubelet.held() + " held by pods");
      case NO_ANSWER -> warn(topic, socket + " does not answer (" + kubelet.detail() + "); the service user needs"
          + " write permission on the socket (docs/Kubernetes.md); no pod labels meanwhile");
    };
  }

  private static CheckLine portLine(PortFacts port) {
    String name = port.profile() + " profile";
    String address = port.address().map(ListenAddress::toString).orElse("");
    return switch (port.state()) {
      case OFF -> info("listen", name + " off");
      case ANY_PORT -> ok("listen", name + " on " + address + " (port 0: any free port)");
      case FREE -> ok("listen", name + " on " + address + ": free (bound and released again)");
      case DGXMON -> ok("listen", name + " on " + address + ": in use by a running dgxmon-exporter (answers /metrics)");
      case PROTECTED -> ok("listen", name + " on " + address + ": in use by a service that asks for " + port.detail()
          + " (as a dgxmon-exporter with --web.config.file does; not scraped)");
      case IN_USE -> fail("listen", name + " on " + address + " cannot be bound: " + port.detail());
    };
  }

  /** {@code ": 17, 18, 19 and 4 more"}, or nothing for an empty list. */
  static String first(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    String shown = String.join(", ", items.subList(0, Math.min(items.size(), SHOWN)));
    return ": " + shown + (items.size() > SHOWN ? " and " + (items.size() - SHOWN) + " more" : "");
  }
}
