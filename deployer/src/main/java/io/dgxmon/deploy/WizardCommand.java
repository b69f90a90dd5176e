package io.dgxmon.deploy;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced later in this branch. */
@Command(name = "wizard")
final class WizardCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
