package io.dgxmon.exporter.energy;

import java.util.List;

/**
 * The RAPL zones of one powercap read: those read, and those that could not be, each with the reason.
 *
 * @param zones readable zones, in zone-id order
 * @param problems zones that were found but not read
 */
public record PowercapScan(List<RaplZone> zones, List<ZoneProblem> problems) {

  /** Why a zone was not read. */
  public enum Kind {
    /** {@code energy_uj} refused by permissions: root-only since the CVE-2020-8694 fix. */
    NOT_READABLE,
    /** A file missing, not a number, too large, or an unknown zone name. */
    INVALID
  }

  /** One zone that was not read. */
  public record ZoneProblem(String id, Kind kind, String detail) {}

  public PowercapScan {
    zones = List.copyOf(zones);
    problems = List.copyOf(problems);
  }

  public long count(Kind kind) {
    return problems.stream().filter(p -> p.kind() == kind).count();
  }
}
