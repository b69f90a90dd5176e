package io.dgxmon.deploy.plan;

import java.util.List;

/**
 * Everything a deployment does: targets run in parallel; {@code finish} (image operations on the head node) runs after
 * all of them succeeded, or is null.
 */
public record DeploymentPlan(List<TargetPlan> targets, TargetPlan finish) {}
