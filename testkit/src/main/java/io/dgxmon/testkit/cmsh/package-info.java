/**
 * A fake BCM {@code cmsh} for tests (docs/reference/cmsh.md, "Simulator spec" items 1–18).
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
 * submodes with {@code [category:x]}/{@code [overlay:y]} prefixes; commit/refresh; {@code !echo}.
 * Guesses (marked [G] in cmsh.md) are documented where they are made.
 */
package io.dgxmon.testkit.cmsh;
