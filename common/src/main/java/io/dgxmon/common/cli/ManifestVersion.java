package io.dgxmon.common.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} for every dgxmon CLI: the root command's name and the Implementation-Version the build writes
 * into the jar manifest ({@code dev} when run from classes, e.g. in tests).
 */
public final class ManifestVersion implements IVersionProvider {
  /** Injected by picocli: the command whose {@code --version} was asked for. */
  @Spec CommandSpec spec;

  @Override
  public String[] getVersion() {
    CommandSpec root = spec.root();
    return new String[] {root.name() + " " + version(root.userObject().getClass())};
  }

  /** The version in the manifest of the jar {@code type} was loaded from. */
  public static String version(Class<?> type) {
    String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
