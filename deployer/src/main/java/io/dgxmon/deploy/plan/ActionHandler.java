package io.dgxmon.deploy.plan;

import java.io.IOException;

/**
 * What a run does with each kind of action (deploy and verify each implement it), one method per kind: adding a kind
 * of action to {@link Action} breaks the build until every run says what that kind means for it.
 */
public interface ActionHandler {
  void putFile(PutFile a) throws IOException, InterruptedException;

  void putTree(PutTree a) throws IOException, InterruptedException;

  void link(Link a) throws IOException, InterruptedException;

  void makeDir(MakeDir a) throws IOException, InterruptedException;

  void enableUnit(EnableUnit a) throws IOException, InterruptedException;

  void probe(Probe a) throws IOException, InterruptedException;

  void checkEndpoints(CheckEndpoints a) throws IOException, InterruptedException;

  void checkWlmProlog(CheckWlmProlog a) throws IOException, InterruptedException;

  void runCommand(RunCommand a) throws IOException, InterruptedException;
}
