package io.dgxmon.deploy.cli;

import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.deploy.plan.Artifacts;
import io.dgxmon.deploy.plan.DeploymentPlan;
import io.dgxmon.deploy.plan.DryRun;
import io.dgxmon.deploy.plan.Planner;
import io.dgxmon.deploy.render.TemplateRenderer;
import io.dgxmon.deploy.plan.Action;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.run.DeployRunner;
import io.dgxmon.deploy.run.Progress;
import io.dgxmon.deploy.run.RunSettings;
import io.dgxmon.deploy.run.StateStore;
import io.dgxmon.deploy.run.SummaryTable;
import io.dgxmon.deploy.run.TargetResult;
import io.dgxmon.deploy.run.Uninstaller;
import io.dgxmon.deploy.run.ExporterCheck;
import io.dgxmon.deploy.run.Verifier;
import io.dgxmon.deploy.run.PrometheusUp;
import io.dgxmon.deploy.ssh.KeyPassphrase;
import io.dgxmon.deploy.ssh.SshConnector;
import io.dgxmon.deploy.ssh.SshCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A loaded config with its plan: the thin shell between the CLI and the runner. */
public final class Deployment {
  private final Path configFile;
  private final DeployOptions options;
  private final DeployConfig config;
  private final DeploymentPlan plan;
  private final PrintWriter out;
  private final PrintWriter err;
  private final KeyPassphrase passphrase;

  private Deployment(Path configFile, DeployOptions options, DeployConfig config, DeploymentPlan plan,
      PrintWriter out, PrintWriter err, KeyPassphrase passphrase) {
    this.configFile = configFile;
    this.options = options;
    this.config = config;
    this.plan = plan;
    this.out = out;
    this.err = err;
    this.passphrase = passphrase;
  }

  public static Deployment load(Path configFile, DeployOptions options, PrintWriter out, PrintWriter err)
      throws Exception {
    DeployConfig config = ConfigReader.read(configFile);
    Artifacts artifacts = Artifacts.load(options.source);
    DeploymentPlan plan = new Planner(new TemplateRenderer()).plan(config, artifacts);
    return new Deployment(configFile, options, config, plan, out, err,
        KeyPassphrase.fromEnvironmentOrConsole(System.getenv(), System.console()));
  }

  /** The same deployment, taking a protected key's passphrase from {@code p} (the wizard asked already). */
  public Deployment withPassphrase(KeyPassphrase p) {
    return new Deployment(configFile, options, config, plan, out, err, p);
  }

  /** One line per target: what it is and how many steps it gets. */
  public String summary() {
    StringBuilder s = new StringBuilder("Plan:\n");
    for (TargetPlan tp : plan.targets()) {
      var t = tp.target();
      s.append(String.format("  %-20s %-5s %s@%s:%d root %s, %d steps%n", t.name(),
          t.kind().name().toLowerCase(java.util.Locale.ROOT), t.user(), t.address(), t.port(), t.root(),
          tp.steps().size()));
    }
    if (plan.finish() != null) {
      s.append("  then on ").append(plan.finish().target().name()).append(": ")
          .append(plan.finish().steps().stream().map(Step::title).collect(java.util.stream.Collectors.joining("; ")))
          .append('\n');
    }
    return s.toString();
  }

  public int dryRun(Path output) throws Exception {
    DryRun.write(plan, output);
    out.println("dry run: " + plan.targets().size() + " target(s); files under " + output + ", commands in "
        + output.resolve(DryRun.PLAN_FILE));
    out.flush();
    return ExitCodes.OK;
  }

  public int deploy(boolean resume) throws Exception {
    String missing = missingMessage(missingArtifacts(plan), options.source);
    if (missing != null) {
      err.println(missing);
      return ExitCodes.FAILED;
    }
    SshConnector.prepareForUploads();
    StateStore store = stateStore();
    SshConnector ssh = connector();
    RunSettings settings = RunSettings.of(config, resume);
    DeployRunner runner = new DeployRunner(t -> ssh.connect(t.user(), t.address(), t.port()), settings,
        store, new Progress(out), configHash());
    List<TargetResult> results = runner.run(plan);
    ssh.acceptedHostKeys().forEach(h -> out.println("recorded new host key of " + h + " in "
        + expandHome(config.ssh().knownHostsFile())));
    SummaryTable.print(results, out);
    return ExitCodes.of(results);
  }

  public int uninstall() throws Exception {
    StateStore store = stateStore();
    SshConnector ssh = connector();
    Uninstaller uninstaller = new Uninstaller(t -> ssh.connect(t.user(), t.address(), t.port()),
        RunSettings.of(config, false), store, new Progress(out));
    List<TargetResult> results = uninstaller.run(plan.targets());
    SummaryTable.print(results, out);
    return ExitCodes.of(results);
  }

  public int verify() throws Exception {
    SshConnector ssh = connector();
    String url = config.prometheus().url();
    ExporterCheck exporterCheck = config.components().exporter()
        ? new ExporterCheck(config.paths().installDir(), config.paths().configDir(), options.verbose) : null;
    Verifier verifier = new Verifier(t -> ssh.connect(t.user(), t.address(), t.port()),
        RunSettings.of(config, false), new Progress(out), url.isEmpty() ? null : new PrometheusUp(url), exporterCheck);
    List<TargetResult> results = verifier.run(plan.targets());
    SummaryTable.print(results, out);
    return ExitCodes.of(results);
  }

  private SshConnector connector() throws IOException {
    SshCredentials credentials =
        SshCredentials.choose(System.getenv(), expandHome(config.ssh().identityFile()), passphrase);
    return new SshConnector(credentials, expandHome(config.ssh().knownHostsFile()), options.acceptNewHostKeys,
        Duration.ofSeconds(config.ssh().connectTimeoutSeconds()));
  }

  /** Checked (and created 0700) before the SSH keys are loaded: a state directory others control stops the run. */
  private StateStore stateStore() throws IOException {
    Path dir = options.state != null ? options.state
        : configFile.toAbsolutePath().getParent().resolve(".dgxmon-state").resolve(config.cluster());
    return StateStore.open(dir);
  }

  private String configHash() throws IOException {
    return Payload.sha256(Files.readAllBytes(configFile));
  }

  /**
   * Why a run cannot start, or null: jars and runtime archives are built (./setup.sh --build makes them), the Slurm
   * scripts are sources that only a broken checkout or a wrong --source lacks.
   */
  static String missingMessage(List<String> missing, Path source) {
    List<String> built = missing.stream().filter(m -> m.endsWith(".jar") || m.endsWith(".tar")).toList();
    List<String> sources = missing.stream().filter(m -> !built.contains(m)).toList();
    List<String> reasons = new ArrayList<>();
    if (!built.isEmpty()) {
      reasons.add("not built yet (run ./setup.sh --build): " + String.join(", ", built));
    }
    if (built.stream().anyMatch(m -> m.endsWith("runtime-linux-arm64.tar"))) {
      reasons.add("the arm64 runtime is built where Debian's arm64 packages are enabled (as root: dpkg"
          + " --add-architecture arm64 && apt-get update) or with DGXMON_ARM64_JDK (see docs/Deployer.md)");
    }
    if (!sources.isEmpty()) {
      reasons.add("missing from the source tree " + source + " (--source; a complete dgxmon checkout has them): "
          + String.join(", ", sources));
    }
    return reasons.isEmpty() ? null : "dgxmon-deploy: " + String.join("; ", reasons);
  }

  static List<String> missingArtifacts(DeploymentPlan plan) {
    Set<String> missing = new TreeSet<>();
    List<TargetPlan> all = new ArrayList<>(plan.targets());
    for (TargetPlan tp : all) {
      for (Step s : tp.steps()) {
        for (Action a : s.actions()) {
          a.uploads().stream().filter(Payload::isMissing).forEach(p -> missing.add(p.name()));
        }
      }
    }
    return List.copyOf(missing);
  }

  public static Path expandHome(String path) {
    return path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
  }
}
