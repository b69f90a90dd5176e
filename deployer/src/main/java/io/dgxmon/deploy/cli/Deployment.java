package io.dgxmon.deploy.cli;

import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.deploy.plan.Artifacts;
import io.dgxmon.deploy.plan.DeploymentPlan;
import io.dgxmon.deploy.plan.DryRun;
import io.dgxmon.deploy.plan.Planner;
import io.dgxmon.deploy.render.TemplateRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;

/** A loaded config with its plan: the thin shell between the CLI and the runner. */
public final class Deployment {
  private final DeployOptions options;
  private final DeployConfig config;
  private final DeploymentPlan plan;
  private final PrintWriter out;
  private final PrintWriter err;

  private Deployment(DeployOptions options, DeployConfig config, DeploymentPlan plan, PrintWriter out,
      PrintWriter err) {
    this.options = options;
    this.config = config;
    this.plan = plan;
    this.out = out;
    this.err = err;
  }

  public static Deployment load(DeployOptions options, PrintWriter out, PrintWriter err) throws Exception {
    DeployConfig config = ConfigReader.read(options.config);
    Artifacts artifacts = Artifacts.load(options.source);
    DeploymentPlan plan = new Planner(new TemplateRenderer()).plan(config, artifacts);
    return new Deployment(options, config, plan, out, err);
  }

  public DeployConfig config() {
    return config;
  }

  public DeploymentPlan plan() {
    return plan;
  }

  public int dryRun(Path output) throws Exception {
    DryRun.write(plan, config.ssh().stagingDir(), output);
    out.println("dry run: " + plan.targets().size() + " target(s); files under " + output + ", commands in "
        + output.resolve(DryRun.PLAN_FILE));
    out.flush();
    return 0;
  }

  public int deploy(boolean resume) throws Exception {
    throw new UnsupportedOperationException("deploy is not wired yet");
  }
}
