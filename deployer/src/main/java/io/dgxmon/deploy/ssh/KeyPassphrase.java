package io.dgxmon.deploy.ssh;

import java.io.Console;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the passphrase of a protected private key comes from. Asked at most once per run, only when the key file
 * is encrypted and no ssh-agent is used; the answer is never stored, logged or put into a config file.
 */
@FunctionalInterface
public interface KeyPassphrase {
  /** The variable a non-interactive {@code --config} run reads the passphrase from. */
  String ENV = "DGXMON_SSH_KEY_PASSPHRASE";

  /** For a key file that has none: nothing to give. */
  KeyPassphrase NONE = key -> null;

  /** The passphrase for {@code key}, or null when there is none to give (the connector then says what to do). */
  char[] forKey(Path key);

  /** {@code --config} runs: {@value #ENV} when set, else asked on the terminal (not echoed) when there is one. */
  static KeyPassphrase fromEnvironmentOrConsole(Map<String, String> env, Console console) {
    return key -> {
      String fromEnv = env.get(ENV);
      if (fromEnv != null) {
        return fromEnv.toCharArray();
      }
      return console == null ? null : console.readPassword("Passphrase for %s: ", key);
    };
  }
}
