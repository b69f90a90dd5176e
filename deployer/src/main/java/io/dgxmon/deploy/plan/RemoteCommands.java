package io.dgxmon.deploy.plan;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The exact shell commands for each action (pure: the same text goes to plan.txt and to the host). Every path is
 * quoted although config validation already limits paths to safe characters.
 */
public final class RemoteCommands {
  public static final String NEW = ".dgxmon-new";
  public static final String OLD = ".dgxmon-old";
  public static final String TREE_MARKER = ".dgxmon-sha256";
  /** Larger files are streamed on stdin; this keeps a step's command well below Linux's 128 KiB per argument. */
  public static final int INLINE_MAX_BYTES = 16 * 1024;
  public static final String BCM_PROLOG_RUNNER = "/cm/local/apps/cmd/scripts/prolog";
  private static final List<String> NVML_DIRS =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64");

  private RemoteCommands() {}

  public static String q(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Command that wraps {@code cmd} for a non-root user (sudo without a password prompt). */
  public static String asRoot(String cmd, boolean sudo) {
    return sudo ? "sudo -n sh -c " + q(cmd) : cmd;
  }

  /** Creates {@code dirs} (mode 0755) where missing; one process for all of them. */
  public static String ensureDirs(Collection<String> dirs) {
    return "install -d -m 0755 " + join(List.copyOf(dirs));
  }

  /**
   * Writes the file streamed on stdin next to its destination, checks that every byte arrived (a dropped connection
   * ends stdin early, and cat would not notice), sets mode and owner, then renames it into place atomically.
   */
  public static String receive(PutFile f) {
    return ensureDirs(List.of(parent(f.path()))) + " && " + receiveFile(f);
  }

  /**
   * {@link #receive} without creating the parent directory (a compound command creates all its directories first).
   * The umask is set in a subshell that then becomes cat ({@code exec}: no process more than a plain cat), so it
   * does not leak into the commands after it in a compound command (systemctl would create 0700 directories).
   */
  public static String receiveFile(PutFile f) {
    String tmp = q(f.path() + NEW);
    return removeIfPresent("rm -f", f.path() + NEW) + " && ( umask 077 && exec cat > " + tmp + " )"
        + " && [ \"$(wc -c < " + tmp + ")\" -eq " + f.payload().size() + " ] && chmod " + f.mode() + " " + tmp
        + " && " + ownByRoot(List.of(f.path() + NEW)) + " && mv -f " + tmp + " " + q(f.path())
        + " || { rm -f " + tmp + "; exit 1; }";
  }

  /**
   * Writes small text files from the command line itself ({@code printf} is a shell builtin: no stdin stream, no
   * extra process), then sets modes and owner and renames each into place; one command for all of a step's files.
   */
  public static String writeInline(List<PutFile> files) {
    return ensureDirs(files.stream().map(f -> parent(f.path())).distinct().toList()) + " && " + writeFiles(files);
  }

  /** {@link #writeInline} without creating the parent directories. */
  public static String writeFiles(List<PutFile> files) {
    StringBuilder s = new StringBuilder();
    for (PutFile f : files) {
      s.append("printf '%s' ").append(q(inlineText(f).orElseThrow())).append(" > ").append(q(f.path() + NEW))
          .append(" && ");
    }
    files.stream().map(PutFile::mode).distinct().forEach(mode -> s.append("chmod ").append(mode).append(' ')
        .append(join(files.stream().filter(f -> f.mode().equals(mode)).map(f -> f.path() + NEW).toList()))
        .append(" && "));
    s.append(ownByRoot(files.stream().map(f -> f.path() + NEW).toList()));
    files.forEach(f -> s.append(" && mv -f ").append(q(f.path() + NEW)).append(' ').append(q(f.path())));
    return s.toString();
  }

  /**
   * {@code chown 0:0} only for the files not already owned by root's uid and gid. The commands run as root (uid and
   * gid 0), so a file the shell just created is normally root's; {@code test -O/-G} (builtins) compare with the
   * effective ids, and a directory with the setgid bit (or a grpid mount) that gave it another group still gets the
   * chown ({@code /} is root's, so its test says the shell runs as uid and gid 0; if not, chown runs and fails as it
   * did before).
   */
  static String ownByRoot(List<String> paths) {
    StringBuilder test = new StringBuilder("[ -O / ] && [ -G / ]");
    paths.forEach(p -> test.append(" && [ -O ").append(q(p)).append(" ] && [ -G ").append(q(p)).append(" ]"));
    return "{ " + test + " || chown 0:0 " + join(paths) + "; }";
  }

  /** Runs {@code remove} on {@code path} only when something is there (a leftover); a builtin test otherwise. */
  private static String removeIfPresent(String remove, String... paths) {
    StringBuilder test = new StringBuilder();
    for (String p : paths) {
      test.append(test.length() == 0 ? "" : " || ").append("[ -e ").append(q(p)).append(" ] || [ -L ").append(q(p))
          .append(" ]");
    }
    return "{ ! { " + test + "; } || " + remove + " " + join(List.of(paths)) + "; }";
  }

  /** The content of a small UTF-8 text file without NUL (what a shell argument can carry), else empty. */
  public static Optional<String> inlineText(PutFile f) {
    byte[] bytes = f.payload().bytes();
    // A file for root's eyes only (a web config's bcrypt hashes) never rides on a command line, which other users of
    // the host can read in /proc while it runs, nor in plan.txt: it is streamed on stdin.
    if (bytes == null || bytes.length > INLINE_MAX_BYTES || f.mode().endsWith("00")) {
      return Optional.empty();
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Unpacks the archive streamed on stdin into a fresh directory, then swaps it in with two renames. */
  public static String unpack(PutTree t) {
    String dir = q(t.dir());
    String fresh = q(t.dir() + NEW);
    String old = q(t.dir() + OLD);
    // Leftovers of an interrupted run go first; 128 KiB tar records halve tar's syscalls (and its CPU) on a pipe.
    return removeIfPresent("rm -rf", t.dir() + NEW, t.dir() + OLD) + " && install -d -m 0755 " + q(parent(t.dir()))
        + " " + fresh + " && tar -b 256 -xf - -C " + fresh + " --no-same-owner"
        + " && printf '%s\\n' " + q(t.archive().sha256()) + " > " + q(t.dir() + NEW + "/" + TREE_MARKER)
        + " && { [ ! -e " + dir + " ] || mv " + dir + " " + old + "; }"
        + " && mv " + fresh + " " + dir + " && { [ ! -e " + old + " ] || rm -rf " + old + "; }";
  }

  public static String link(Link l) {
    return ensureDirs(List.of(parent(l.path()))) + " && " + placeLink(l);
  }

  /**
   * {@link #link} without creating the parent directory. Where nothing is at the path yet, {@code ln -s} creates
   * the link in one atomic call; an existing link (or anything else) is replaced through a temp link and a rename.
   */
  public static String placeLink(Link l) {
    String path = q(l.path());
    String tmp = q(l.path() + NEW);
    return "if [ -e " + path + " ] || [ -L " + path + " ]; then ln -sfn " + q(l.target()) + " " + tmp
        + " && mv -fT " + tmp + " " + path + "; else ln -s " + q(l.target()) + " " + path + "; fi";
  }

  public static String mkdir(MakeDir m) {
    return ensureDirs(List.of(m.path()));
  }

  public static String enable(EnableUnit u, boolean restart) {
    if (!u.root().equals("/")) {
      return "systemctl --root=" + q(u.root()) + " enable " + q(u.unit());
    }
    return "systemctl daemon-reload && systemctl enable " + q(u.unit()) + " && systemctl "
        + (restart ? "restart " : "start ") + q(u.unit());
  }

  /**
   * Creates system user {@code user} (and its group) unless it exists; idempotent, and its last output line says which.
   * No login shell and a home that never exists: nobody logs in as it and it keeps nothing in a home. Under a target
   * root other than {@code /} (a BCM software image) {@code useradd --root} writes the image's own /etc/passwd, so
   * every node provisioned from it has the user; a root without etc/passwd is no OS tree (a test install root), and
   * is left alone with a line saying so.
   */
  public static String createSystemUser(String user, String root) {
    String add = "useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin"
        + " --comment " + q("dgxmon exporter") + (root.equals("/") ? "" : " --root " + q(root)) + " " + q(user);
    String created = " && echo " + q("user " + user + " created");
    String exists = "echo " + q("user " + user + " exists");
    if (root.equals("/")) {
      // getent, not /etc/passwd: a site may provide the user (with a uid of its choice) through LDAP or SSSD.
      return "if getent passwd " + q(user) + " >/dev/null; then " + exists + "; else " + add + created + "; fi";
    }
    String passwd = q(Target.under(root, "/etc/passwd"));
    return "if [ ! -f " + passwd + " ]; then echo " + q("no " + Target.under(root, "/etc/passwd") + ": user " + user
        + " not created") + "; elif grep -q " + q("^" + user + ":") + " " + passwd + "; then " + exists + "; else "
        + add + created + "; fi";
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
    // Blocks available to non-root and their size: one stat where df | awk in a substitution took three processes.
    s.append("stat -f -c 'freekib %a %S' -- ").append(q(p.root())).append("; ");
    if (!p.paths().files().isEmpty()) {
      // Only the files that exist (test is a builtin): on a first deployment neither sha256sum nor stat runs.
      s.append("set --; for f in ").append(join(p.paths().files())).append("; do [ -e \"$f\" ] && set -- \"$@\" \"$f\"; ")
          .append("done; if [ $# -gt 0 ]; then sha256sum -- \"$@\" 2>/dev/null; ")
          .append("stat -c 'stat %a %u %g %n' -- \"$@\" 2>/dev/null; fi; ");
    }
    // read, not $(cat ...): a builtin, where the substitution costs a fork and an exec per tree.
    loop(s, p.paths().trees(), "t", "[ -f \"$t/" + TREE_MARKER + "\" ] && read -r h < \"$t/" + TREE_MARKER
        + "\" && printf 'tree %s %s\\n' \"$t\" \"$h\"");
    loop(s, p.paths().links(), "l", "[ -L \"$l\" ] && printf 'link %s %s\\n' \"$l\" \"$(readlink \"$l\")\"");
    loop(s, p.paths().dirs(), "d", "[ -d \"$d\" ] && printf 'dir %s\\n' \"$d\"");
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
