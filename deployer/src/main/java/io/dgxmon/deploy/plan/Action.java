package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/**
 * One thing a step does on (or about) a target. Paths are absolute on the remote host, target root included.
 *
 * <p>Every kind of action carries its own behaviour, so that plan.txt, the dry run, the probe, deploy, verify and
 * uninstall agree by construction: each record implements the methods below (or is explicitly one that
 * {@link PlacesNothing}), and the run-time behaviours go through {@link ActionHandler}, whose implementations must
 * handle every kind. A new kind of action does not compile until it says what it means in each of these places.
 */
public sealed interface Action permits PutFile, PutTree, Link, MakeDir, EnableUnit, Action.PlacesNothing {

  /** One stable line for plan.txt and for the step fingerprint, so it names every input. */
  String describe();

  /** What plan.txt lists for it on target {@code t}: the exact remote commands ({@code $ ...}) or requests. */
  List<String> planLines(Target t);

  /** The remote paths the preflight probe reads for it (so it can skip work, and uninstall knows new dirs). */
  ManagedPaths managedPaths();

  /** What carrying it out adds to the install manifest, i.e. what uninstall removes again. */
  InstallManifest installs();

  /** The payloads it sends to the host (a real run refuses to start while one is missing). */
  List<Payload> uploads();

  /** What a dry run writes for it: rendered files and links; built binaries are only listed in plan.txt. */
  void writeDryRun(DryRun.Output out) throws IOException;

  /** Deploys or verifies it: calls the handler's method for this kind of action. */
  void handleWith(ActionHandler handler) throws IOException, InterruptedException;

  /**
   * An action that places nothing on the target (a probe, a check, a command whose effect is not a file of ours):
   * nothing to probe for it, record for uninstall, upload or write in a dry run. A kind of action opts in here
   * explicitly, by being listed below; every other kind implements each method itself.
   */
  sealed interface PlacesNothing extends Action permits Probe, CheckEndpoints, CheckWlmProlog, RunCommand {
    @Override
    default ManagedPaths managedPaths() {
      return ManagedPaths.NONE;
    }

    @Override
    default InstallManifest installs() {
      return InstallManifest.EMPTY;
    }

    @Override
    default List<Payload> uploads() {
      return List.of();
    }

    @Override
    default void writeDryRun(DryRun.Output out) {}
  }
}
