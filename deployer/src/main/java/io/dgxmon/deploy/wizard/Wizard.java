package io.dgxmon.deploy.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.common.defaults.RoleMonitorDefaults;
import io.dgxmon.common.io.AtomicFile;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import io.dgxmon.deploy.config.FieldRules;
import io.dgxmon.deploy.config.HostRange;
import io.dgxmon.deploy.ssh.KeyPassphrase;
import io.dgxmon.deploy.ssh.PrivateKeyFile;
import io.dgxmon.deploy.ssh.SshCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The interactive front of ./setup.sh: asks for each setting with a default, validating as it goes, writes the
 * config file, and asks for the mode. It never touches a host itself; the caller confirms and runs. Defaults and
 * checks are the config reader's own ({@link FieldRules}, {@link ConfigReader}), so an answer the wizard accepts is
 * one the reader accepts, and the whole config is read once more before it is written.
 */
public final class Wizard {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Prompter ask;

  /** What the operator chose; {@code passphrase} is the protected key's, held in memory for this run only. */
  public record Choice(Path configFile, Mode mode, Path output, KeyPassphrase passphrase) {}

  /** full: install now; dry-run: write files and plan.txt only; resume: finish an earlier run. */
  public enum Mode {
    FULL,
    DRY_RUN,
    RESUME
  }

  public Wizard(BufferedReader in, PrintWriter out) {
    this.ask = new Prompter(in, out);
  }

  public Choice run() throws IOException {
    ask.say("dgxmon setup: answer each question or press Enter for the default in [brackets].");
    ObjectNode config = JSON.createObjectNode();
    config.put("cluster", ask.ask("Slurm cluster name (BCM WLM instance)", RoleMonitorDefaults.CLUSTER,
        FieldRules.CLUSTER::problem));
    String head = ask.ask("Head node host name ('-' for none)", "-", s -> s.equals("-") ? null
        : FieldRules.HOST.problem(s));
    if (!head.equals("-")) {
      config.putObject("headNode").put("host", head);
    }
    ObjectNode ssh = config.putObject("ssh");
    ssh.put("user", ask.ask("SSH user", ConfigReader.DEFAULT_SSH_USER, FieldRules.USER::problem));
    ssh.put("port", Integer.parseInt(ask.ask("SSH port", String.valueOf(ConfigReader.DEFAULT_SSH_PORT),
        FieldRules.PORT::problem)));
    String identity = ask.ask("SSH private key", ConfigReader.DEFAULT_IDENTITY_FILE, FieldRules.HOME_PATH::problem);
    ssh.put("identityFile", identity);
    ssh.put("knownHostsFile", ask.ask("known_hosts file (strict host-key checking)",
        ConfigReader.DEFAULT_KNOWN_HOSTS_FILE, FieldRules.HOME_PATH::problem));
    ssh.put("concurrency", Integer.parseInt(ask.ask("Nodes in parallel",
        String.valueOf(ConfigReader.DEFAULT_CONCURRENCY), FieldRules.CONCURRENCY::problem)));
    ObjectNode components = config.putObject("components");
    components.put("exporter", ask.yesNo("Install the exporter on the nodes?", true));
    components.put("slurmScripts", ask.yesNo("Install the Slurm prolog/epilog (GPU-to-job map)?", true));
    components.put("roleMonitor", !head.equals("-") && ask.yesNo("Run the role monitor on the head node?", true));
    components.put("prometheusSample", !head.equals("-") && ask.yesNo("Write a Prometheus scrape sample?", false));
    ArrayNode nodes = config.putArray("nodes");
    String image = head.equals("-") ? "" : ask.ask("BCM software image to install into instead of the nodes "
        + "('-' for none)", "-", s -> s.equals("-") ? null : FieldRules.SOFTWARE_IMAGE.problem(s));
    if (!image.equals("-") && !image.isEmpty()) {
      nodes.addObject().put("softwareImage", image);
    } else {
      for (String expr : ask.ask("Nodes (names or BCM ranges, comma-separated)", "dgx-[01-04]",
          Wizard::nodesProblem).split(",")) {
        nodes.add(expr.trim());
      }
    }
    config.putObject("preflight").put("nvml", ask.ask("Missing NVIDIA driver on a node: require, warn or skip",
        NvmlCheck.DEFAULT.name().toLowerCase(Locale.ROOT), FieldRules.NVML_CHECK::problem));
    String json = JSON.writeValueAsString(config) + "\n";
    Path file = writeConfig(json);
    Mode mode = mode();
    if (mode == Mode.DRY_RUN) {
      return new Choice(file, mode, output(), KeyPassphrase.NONE);
    }
    return new Choice(file, mode, null, passphrase(Deployment.expandHome(identity)));
  }

  /**
   * A protected key's passphrase, asked once (re-asked only when wrong) for a run that connects, unless an ssh-agent
   * is used. It goes to this run's connections only: never into the config, a log or a file.
   */
  private KeyPassphrase passphrase(Path key) throws IOException {
    if (System.getenv(SshCredentials.AGENT_ENV) != null || !PrivateKeyFile.isEncrypted(key)) {
      return KeyPassphrase.NONE;
    }
    while (true) {
      char[] secret = ask.secret("Passphrase of " + key + " (used for this run only, never stored)");
      if (PrivateKeyFile.opensWith(key, secret)) {
        return k -> secret.clone();
      }
      ask.say("  wrong passphrase for " + key);
    }
  }

  private Path writeConfig(String json) throws IOException {
    try {
      ConfigReader.parse("wizard", json);
    } catch (ConfigException e) {
      throw new IOException("the answers do not make a valid config: " + e.getMessage(), e);
    }
    Path file = Path.of(ask.ask("Write the config to", "configs/config.local.json", s -> s.endsWith(".json") ? null
        : "give a .json file name"));
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    AtomicFile.write(file, json, AtomicFile.WORLD_READABLE);
    ask.say("Wrote " + file + ":\n" + json);
    return file;
  }

  private Mode mode() throws IOException {
    String m = ask.ask("Mode: full, dry-run or resume", "dry-run",
        s -> s.matches("(?i)full|dry-run|resume") ? null : "answer full, dry-run or resume");
    return Mode.valueOf(m.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  Path output() throws IOException {
    return Path.of(ask.ask("Dry-run output directory", "dgxmon-dry-run", s -> null));
  }

  /** Last chance before any host is touched. */
  public boolean confirm(String summary) throws IOException {
    ask.say(summary);
    return ask.yesNo("Proceed and change these hosts now?", false);
  }

  static String nodesProblem(String s) {
    for (String expr : s.split(",")) {
      try {
        HostRange.expand(expr.trim());
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }
}
