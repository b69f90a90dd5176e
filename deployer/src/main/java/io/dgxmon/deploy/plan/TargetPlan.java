package io.dgxmon.deploy.plan;

import java.util.List;

/** The ordered steps of one target. */
public record TargetPlan(Target target, List<Step> steps) {}
