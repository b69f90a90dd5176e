package io.dgxmon.deploy.plan;

import java.util.List;

/** One thing a step does on (or about) a target. Paths are absolute on the remote host, target root included. */
public sealed interface Action {

  /** Places a file atomically with mode 0:0 ownership; skipped when the remote sha256 already matches. */
  record PutFile(String path, Payload payload, String mode) implements Action {}

  /** Unpacks a tar archive as directory {@code dir} (swapped in atomically); skipped when its marker matches. */
  record PutTree(String dir, Payload archive) implements Action {}

  /** A symbolic link {@code path -> target}; the target is as seen by the booted node, so never root-prefixed. */
  record Link(String path, String target) implements Action {}

  /** A directory that must exist (mode 0755). */
  record MakeDir(String path) implements Action {}

  /** Enables a unit: started (or restarted after a change) under root {@code /}, only enabled under any other root. */
  record EnableUnit(String unit, String root) implements Action {}

  /** Checks before anything is written; also reads the remote state that lets later steps skip work. */
  record Probe(
      String root,
      boolean checkNvml,
      int minFreeMiB,
      List<String> files,
      List<String> trees,
      List<String> links,
      List<String> dirs)
      implements Action {}

  /** HTTP GET of /metrics on each port of the target's address, from the deployer, until it answers. */
  record CheckEndpoints(List<Integer> ports) implements Action {}

  /** Asks cmsh for the Slurm WLM prolog and warns unless it is BCM's generic runner. */
  record CheckWlmProlog(String cmsh, String wlm) implements Action {}

  /** A plain remote command (cmsh grabimage). */
  record Run(String command) implements Action {}
}
