package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.Target;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.IOException;

/** Opens the one session a target's steps share (JSch in production, anything in tests). */
@FunctionalInterface
public interface Connect {
  RemoteHost open(Target target) throws IOException;
}
