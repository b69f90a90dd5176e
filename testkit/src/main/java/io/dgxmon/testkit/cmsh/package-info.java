/**
 * A fake BCM {@code cmsh} for tests, faithful to the facts in docs/reference/cmsh.md.
 *
 * <p>Use: {@code ClusterState state = new ClusterState(); state.nodes.add(Node.physical("node001",
 * "default", "127.0.4.1")); state.write(stateFile); Path cmsh = CmshSimulator.install(binDir, stateFile);}
 * then run {@code cmsh [--color=no] [-q] -c "device; list"} as a real program. Rewrite the state file
 * between calls to change the cluster; {@code commit} and {@code grabimage -w} write it back.
 * {@link io.dgxmon.testkit.cmsh.CmshSimulator#invocations} lists every process start; {@code delaySeconds}
 * and {@code mode} ({@code unreachable}, {@code garbage}) simulate slow or broken CMDaemon.
 *
 * <p>Simulated: modes {@code device} (list with BCM 10/11 layouts, {@code -t -r -s -c -n -f -d},
 * {@code -d {}} JSON, status, get/set, foreach, roles, grabimage, imageupdate), {@code category},
 * {@code configurationoverlay}, {@code softwareimage} (clone), {@code wlm} (get/set prolog...); roles
 * submodes with {@code [category:x]}/{@code [overlay:y]} prefixes (disabled overlays, priority -1, give no
 * roles); commit/refresh; {@code main; versioninfo}; {@code !echo}. Guesses (marked [G] in cmsh.md) are
 * documented where they are made; those that code must survive either way are switches in
 * {@link io.dgxmon.testkit.cmsh.CmshVariants} ({@code ClusterState.variants}).
 */
package io.dgxmon.testkit.cmsh;
