package io.dgxmon.deploy.plan;

import java.util.List;

/**
 * One named unit of work on a target, the granularity of progress lines and of resume. The fingerprint changes when
 * anything the step would do changes, so a resumed run redoes exactly the steps whose inputs changed.
 */
public record Step(String id, String title, List<Action> actions, String fingerprint) {}
