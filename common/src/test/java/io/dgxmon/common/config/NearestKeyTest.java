package io.dgxmon.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Distances and the key suggested for a misspelling. */
class NearestKeyTest {
  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutionsIgnoringCase() {
    assertEquals(0, NearestKey.distance("port", "port"));
    assertEquals(0, NearestKey.distance("TargetsDir", "targetsdir"));
    assertEquals(1, NearestKey.distance("targetDir", "targetsDir"));
    assertEquals(2, NearestKey.distance("prot", "port"));
    assertEquals(3, NearestKey.distance("kitten", "sitting"));
    assertEquals(4, NearestKey.distance("", "port"));
    assertEquals(4, NearestKey.distance("port", ""));
  }

  @Test
  void suggestsTheClosestCandidateAndTheFirstOnATie() {
    List<String> keys = List.of("cgroup.listen-address", "gpu.listen-address", "nvml.timeout");
    assertEquals(Optional.of("cgroup.listen-address"), NearestKey.nearest("cgroup.listen-adress", keys));
    assertEquals(Optional.of("nvml.timeout"), NearestKey.nearest("NVML.Timeout", keys));
    assertEquals(Optional.of("ab"), NearestKey.nearest("a", List.of("ab", "ac")));
    assertEquals(Optional.of("ac"), NearestKey.nearest("a", List.of("ac", "ab")));
  }

  @Test
  void noCandidatesGivesNoSuggestion() {
    assertEquals(Optional.empty(), NearestKey.nearest("port", List.of()));
  }
}
