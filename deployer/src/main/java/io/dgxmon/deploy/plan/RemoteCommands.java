package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.plan.Action.CheckWlmProlog;
import io.dgxmon.deploy.plan.Action.EnableUnit;
import io.dgxmon.deploy.plan.Action.Link;
import io.dgxmon.deploy.plan.Action.MakeDir;
import io.dgxmon.deploy.plan.Action.Probe;
import io.dgxmon.deploy.plan.Action.PutFile;
import io.dgxmon.deploy.plan.Action.PutTree;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The exact shell commands for each action (pure: the same text goes to plan.txt and to the host). Every path is
 * quoted although config validation already limits paths to safe characters.
 */
public final class RemoteCommands {
  public static final String NEW = ".dgxmon-new";
  public static final String OLD = ".dgxmon-old";
  public static final String TREE_MARKER = ".dgxmon-sha256";
  public static final String BCM_PROLOG_RUNNER = "/cm/local/apps/cmd/scripts/prolog";
  private static final List<String> NVML_DIRS =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64");

  private RemoteCommands() {}

  public static String q(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Where a target's uploads wait before they are placed; one directory per target, so targets never collide. */
  public static String stagingDir(String stagingBase, Target t) {
    return stagingBase + "/" + t.name();
  }

  public static String staged(String stagingDir, Payload p) {
    return stagingDir + "/" + p.sha256().substring(0, Math.min(16, p.sha256().length())) + "-" + p.name();
  }

  /** Command that wraps {@code cmd} for a non-root user (sudo without a password prompt). */
  public static String asRoot(String cmd, boolean sudo) {
    return sudo ? "sudo -n sh -c " + q(cmd) : cmd;
  }

  public static String place(PutFile f, String staged) {
    String tmp = q(f.path() + NEW);
    return "install -d -m 0755 " + q(parent(f.path())) + " && install -m " + f.mode() + " -o 0 -g 0 "
        + q(staged) + " " + tmp + " && mv -f " + tmp + " " + q(f.path());
  }

  /** Unpacks the archive streamed on stdin (no staging copy: the runtime is most of the bytes). */
  public static String unpack(PutTree t) {
    String dir = q(t.dir());
    String fresh = q(t.dir() + NEW);
    String old = q(t.dir() + OLD);
    return "install -d -m 0755 " + q(parent(t.dir())) + " && rm -rf " + fresh + " && install -d -m 0755 " + fresh
        + " && tar -xf - -C " + fresh + " --no-same-owner"
        + " && printf '%s\\n' " + q(t.archive().sha256()) + " > " + q(t.dir() + NEW + "/" + TREE_MARKER)
        + " && rm -rf " + old + " && { [ ! -e " + dir + " ] || mv " + dir + " " + old + "; }"
        + " && mv " + fresh + " " + dir + " && rm -rf " + old;
  }

  public static String link(Link l) {
    String tmp = q(l.path() + NEW);
    return "install -d -m 0755 " + q(parent(l.path())) + " && ln -sfn " + q(l.target()) + " " + tmp
        + " && mv -fT " + tmp + " " + q(l.path());
  }

  public static String mkdir(MakeDir m) {
    return "install -d -m 0755 " + q(m.path());
  }

  public static String enable(EnableUnit u, boolean restart) {
    if (!u.root().equals("/")) {
      return "systemctl --root=" + q(u.root()) + " enable " + q(u.unit());
    }
    return "systemctl daemon-reload && systemctl enable " + q(u.unit()) + " && systemctl "
        + (restart ? "restart " : "start ") + q(u.unit());
  }

  public static String disable(EnableUnit u) {
    if (!u.root().equals("/")) {
      return "systemctl --root=" + q(u.root()) + " disable " + q(u.unit());
    }
    return "systemctl disable --now " + q(u.unit()) + "; systemctl daemon-reload";
  }

  public static String wlmProlog(CheckWlmProlog w) {
    return q(w.cmsh()) + " -c " + q("wlm; use " + w.wlm() + "; get prolog");
  }

  /** One shell round trip that checks the host and reads the state of every managed path (see ProbeResult). */
  public static String probe(Probe p) {
    String prefix = p.root().equals("/") ? "" : p.root();
    StringBuilder s = new StringBuilder();
    s.append(p.root().equals("/")
        ? "if [ -d /run/systemd/system ]; then echo systemd yes; else echo systemd no; fi; "
        : "if command -v systemctl >/dev/null 2>&1; then echo systemd yes; else echo systemd no; fi; ");
    if (p.checkNvml()) {
      s.append("nvml=no; for d in ")
          .append(NVML_DIRS.stream().map(d -> q(prefix + d)).collect(Collectors.joining(" ")))
          .append("; do [ -e \"$d/libnvidia-ml.so.1\" ] && nvml=yes; done; ");
      if (prefix.isEmpty()) {
        s.append("/sbin/ldconfig -p 2>/dev/null | grep -q 'libnvidia-ml\\.so\\.1' && nvml=yes; ");
      }
      s.append("echo \"nvml $nvml\"; ");
    }
    s.append("echo \"freekib $(df -Pk ").append(q(p.root())).append(" | awk 'NR==2{print $4}')\"; ");
    if (!p.files().isEmpty()) {
      String files = join(p.files());
      s.append("sha256sum -- ").append(files).append(" 2>/dev/null; ");
      s.append("stat -c 'stat %a %u %g %n' -- ").append(files).append(" 2>/dev/null; ");
    }
    loop(s, p.trees(), "t", "[ -f \"$t/" + TREE_MARKER + "\" ] && printf 'tree %s %s\\n' \"$t\" \"$(cat \"$t/"
        + TREE_MARKER + "\")\"");
    loop(s, p.links(), "l", "[ -L \"$l\" ] && printf 'link %s %s\\n' \"$l\" \"$(readlink \"$l\")\"");
    loop(s, p.dirs(), "d", "[ -d \"$d\" ] && printf 'dir %s\\n' \"$d\"");
    return s.append("true").toString();
  }

  private static void loop(StringBuilder s, List<String> items, String var, String body) {
    if (!items.isEmpty()) {
      s.append("for ").append(var).append(" in ").append(join(items)).append("; do ").append(body)
          .append("; done; ");
    }
  }

  public static String join(List<String> paths) {
    return paths.stream().map(RemoteCommands::q).collect(Collectors.joining(" "));
  }

  public static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }
}
