package io.dgxmon.exporter.energy;

import io.dgxmon.exporter.energy.PowercapScan.Kind;
import io.dgxmon.exporter.energy.PowercapScan.ZoneProblem;
import io.dgxmon.exporter.files.BoundedFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RAPL zones of the powercap class directory ({@code <sysfs>/class/powercap}, a flat directory of links,
 * one per zone at any depth: {@code intel-rapl:0}, {@code intel-rapl:0:0}; AMD uses the same names). Each zone's
 * {@code name}, {@code max_energy_range_uj} and {@code energy_uj} are read through {@link BoundedFiles}; the first
 * two are fixed while the driver is loaded, so they are read once per zone and forgotten when the zone is gone from
 * a listing. See docs/reference/energy.md for the layout and permissions.
 */
public final class PowercapReader {
  /** Zone ids: {@code intel-rapl:} and hexadecimal ids; {@code intel-rapl-mmio:*} repeats package zones, skipped. */
  private static final Pattern ZONE_ID = Pattern.compile("intel-rapl((?::[0-9a-f]{1,8}){1,2})");
  private static final Pattern PACKAGE_NAME = Pattern.compile("package-(\\d{1,4})(?:-die-\\d{1,4})?");
  private static final Set<String> SUBZONE_DOMAINS = Set.of("dram", "core", "uncore");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,19}");
  private static final int MAX_ZONES = 256;

  /** Where a zone counts: its socket ({@code ""} for psys) and its domain. */
  private record Place(String packageLabel, String domain) {}

  /** A zone's fixed attributes, kept between reads. */
  private record Fixed(String name, long maxRange) {}

  private final Path classDir;
  private final BoundedFiles files;
  private final Map<String, Fixed> fixed = new ConcurrentHashMap<>();

  public PowercapReader(Path sysfs, BoundedFiles files) {
    this.classDir = sysfs.resolve("class").resolve("powercap");
    this.files = files;
  }

  public Path classDir() {
    return classDir;
  }

  /** Every RAPL zone; an empty scan when there is no powercap directory (a VM, no RAPL driver). */
  public PowercapScan read() throws IOException {
    List<String> ids = zoneIds();
    fixed.keySet().retainAll(Set.copyOf(ids));
    Map<String, String> names = new HashMap<>();
    List<ZoneProblem> problems = new ArrayList<>();
    for (String id : ids) {
      try {
        Fixed known = fixed.get(id);
        names.put(id, known != null ? known.name() : files.readOrThrow(classDir.resolve(id).resolve("name")).trim());
      } catch (IOException e) {
        problems.add(new ZoneProblem(id, Kind.INVALID, "name: " + reason(e)));
      }
    }
    List<RaplZone> zones = new ArrayList<>();
    for (String id : ids) {
      if (names.containsKey(id)) {
        zone(id, names, problems).ifPresent(zones::add);
      }
    }
    return new PowercapScan(zones, problems);
  }

  private Optional<RaplZone> zone(String id, Map<String, String> names, List<ZoneProblem> problems)
      throws IOException {
    Place place = place(id, names);
    if (place == null) {
      problems.add(new ZoneProblem(id, Kind.INVALID, "unknown zone name \"" + names.get(id) + "\""));
      return Optional.empty();
    }
    try {
      long max = maxRange(id, names.get(id));
      long energy = number(classDir.resolve(id).resolve("energy_uj"));
      return Optional.of(new RaplZone(id, place.packageLabel(), place.domain(), energy, max));
    } catch (AccessDeniedException e) {
      problems.add(new ZoneProblem(id, Kind.NOT_READABLE, "energy_uj: permission denied"));
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      problems.add(new ZoneProblem(id, Kind.INVALID, reason(e)));
    }
    return Optional.empty();
  }

  /**
   * Where a zone counts, or null for a name this reader does not know. A subzone takes its socket
   * from its parent ({@code intel-rapl:1:0} under {@code package-1}); per-die package zones share their socket.
   */
  private static Place place(String id, Map<String, String> names) {
    String name = names.get(id);
    Matcher pkg = PACKAGE_NAME.matcher(name);
    boolean top = id.indexOf(':') == id.lastIndexOf(':');
    if (top) {
      if (pkg.matches()) {
        return new Place(pkg.group(1), "package");
      }
      return name.equals("psys") ? new Place("", "psys") : null;
    }
    String parent = names.get(id.substring(0, id.lastIndexOf(':')));
    Matcher parentPkg = parent == null ? null : PACKAGE_NAME.matcher(parent);
    if (parentPkg == null || !parentPkg.matches() || !SUBZONE_DOMAINS.contains(name)) {
      return null;
    }
    return new Place(parentPkg.group(1), name);
  }

  private long maxRange(String id, String name) throws IOException {
    Fixed known = fixed.get(id);
    if (known != null) {
      return known.maxRange();
    }
    long max = number(classDir.resolve(id).resolve("max_energy_range_uj"));
    if (max <= 0) {
      throw new IOException("max_energy_range_uj is 0: wraps cannot be told apart");
    }
    fixed.put(id, new Fixed(name, max));
    return max;
  }

  private long number(Path file) throws IOException {
    String text;
    try {
      text = files.readOrThrow(file).trim();
    } catch (NoSuchFileException e) {
      throw new IOException(file.getFileName() + ": missing", e);
    }
    if (!NUMBER.matcher(text).matches()) {
      throw new IOException(file.getFileName() + ": \"" + abbreviate(text) + "\" is not a whole number");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file.getFileName() + ": " + text + " is too large", e);
    }
  }

  private List<String> zoneIds() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(classDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (ZONE_ID.matcher(name).matches() && ids.size() < MAX_ZONES) {
          ids.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    ids.sort(Comparator.comparing(PowercapReader::sortKey));
    return ids;
  }

  /** Numeric order of the hexadecimal ids: {@code intel-rapl:2} before {@code intel-rapl:a}. */
  private static String sortKey(String id) {
    StringBuilder key = new StringBuilder();
    for (String part : id.substring("intel-rapl:".length()).split(":")) {
      key.append(String.format("%08x:", Long.parseLong(part, 16)));
    }
    return key.toString();
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "missing";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
