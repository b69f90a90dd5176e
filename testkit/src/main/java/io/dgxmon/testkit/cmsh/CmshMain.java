package io.dgxmon.testkit.cmsh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fake {@code cmsh} executable: {@code cmsh [--color=no] [-q] [-x] -c "cmds" | -f file | < stdin}
 * against the cluster state file named by {@code $DGXMON_CMSH_STATE}. Exit 0, or 1 after an error under {@code -q}.
 */
public final class CmshMain {
  /** Environment variable naming the cluster state JSON file. */
  public static final String STATE_ENV = "DGXMON_CMSH_STATE";
  private static final Set<String> IGNORED_OPTIONS = Set.of("-n", "--norc", "-u", "--noconnect", "-Q", "-t", "--tty",
      "-r", "--noredirect", "-z", "--controlflag", "--hide-events", "--disable-events", "-m", "--color=no",
      "--color=yes");

  private CmshMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String statePath = System.getenv(STATE_ENV);
    if (statePath == null || statePath.isEmpty()) {
      System.err.println("cmsh simulator: set " + STATE_ENV + " to the cluster state JSON file");
      System.exit(2);
    }
    Path stateFile = Path.of(statePath);
    CmshSimulator.recordInvocation(stateFile, List.of(args));
    ClusterState state = ClusterState.read(stateFile);
    if (state.delaySeconds > 0) {
      Thread.sleep((long) (state.delaySeconds * 1000));
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    int rc = switch (state.mode) {
      case "unreachable" -> {
        System.err.println("Unable to connect to CMDaemon at localhost:8081: Connection refused");
        yield 1;
      }
      case "garbage" -> {
        out.print("\u001b[1;31mcmsh: protocol error\u001b[0m\n\u0000@@ 5f3a {\"incomplete\": [\nTypeHost\n");
        yield 0;
      }
      default -> run(args, state, stateFile, out);
    };
    out.flush();
    System.exit(rc);
  }

  private static int run(String[] args, ClusterState state, Path stateFile, PrintStream out) throws IOException {
    boolean quit = false;
    boolean echo = false;
    List<String> lines = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-q", "--quit" -> quit = true;
        case "-x", "--echo" -> echo = true;
        case "-c", "--command" -> lines = List.of(args[++i]);
        case "-f", "--file" -> lines = Files.readAllLines(Path.of(args[++i]));
        case "--color" -> i++;
        default -> {
          if (args[i].startsWith("-") && !IGNORED_OPTIONS.contains(args[i])) {
            System.err.println("cmsh: unrecognized option '" + args[i] + "'");
            return 1;
          }
        }
      }
    }
    if (lines == null) {
      lines = readStdin();
      echo = true;
    }
    CmshSession session = new CmshSession(state, quit);
    for (String line : lines) {
      if (session.stopped()) {
        break;
      }
      if (echo) {
        session.print(line);
      }
      session.runLine(line);
    }
    out.print(state.noisyOutput ? OutputNoise.apply(session.output(), state.headHostname) : session.output());
    if (session.changedState() != null) {
      session.changedState().write(stateFile);
    }
    return session.exitCode();
  }

  private static List<String> readStdin() throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lines.add(line);
    }
    return lines;
  }
}
