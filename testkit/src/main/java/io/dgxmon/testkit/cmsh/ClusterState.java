package io.dgxmon.testkit.cmsh;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated BCM cluster: the JSON document a test writes and the fake cmsh reads (and, on
 * {@code commit} or {@code grabimage -w}, rewrites). Mutable on purpose: cmsh commands edit it in
 * place, exactly like the JSON file they mirror.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public final class ClusterState {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Output layout: {@code bcm10} (header {@code Ip}) or {@code bcm11} (header {@code IP}, fixed widths). */
  public String profile = "bcm10";
  /** Seconds the fake cmsh sleeps before answering (timeouts, latency). */
  public double delaySeconds;
  /** {@code normal}, {@code unreachable} (CMDaemon down: error text, exit 1) or {@code garbage}. */
  public String mode = "normal";
  /** How the undocumented corners of cmsh behave (see {@link CmshVariants}). */
  public CmshVariants variants = CmshVariants.DEFAULT;
  /** Hostname of the head node that prints notices ({@code [notice] <head>: ...}). */
  public String headHostname = "basecm10";
  public List<Node> nodes = new ArrayList<>();
  @JsonIgnore private final Map<String, Integer> nodeIndex = new HashMap<>();
  public List<Category> categories = new ArrayList<>();
  public List<Overlay> overlays = new ArrayList<>();
  public List<String> softwareImages = new ArrayList<>(List.of("default-image"));
  /** WLM instances by name, each a map of property to value ({@code prolog}, {@code epilog}, ...). */
  public Map<String, Map<String, String>> wlm = new LinkedHashMap<>(Map.of("slurm", defaultSlurm()));
  /** Every {@code grabimage -w} that ran, oldest first. */
  public List<GrabImage> grabImages = new ArrayList<>();
  /** Every {@code imageupdate -w} that ran, oldest first. */
  public List<ImageUpdate> imageUpdates = new ArrayList<>();
  /**
   * Seconds a provisioning operation ({@code grabimage -w}, {@code imageupdate -w}, {@code updateprovisioners})
   * runs on after its command returned; 0: it is over when the command returns; negative: it never finishes.
   */
  public double provisioningSeconds;
  /** Provisioning operations started, oldest first (what {@code provisioningstatus} reports on). */
  public List<ProvisioningJob> provisioningJobs = new ArrayList<>();
  /** Noise real cmsh may add to any answer: colour codes, an event line between lines, trailing blanks. */
  public boolean noisyOutput;

  /** A device: head node, physical node, switch, power shelf. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Node {
    public String type = "PhysicalNode";
    public String hostname;
    public String mac = "00:00:00:00:00:00";
    /** Blank for anything but nodes, as in real listings. */
    public String category = "";
    public String ip = "";
    public String network = "internalnet";
    /** State name: UP, DOWN, CLOSED, UP/CLOSED, INSTALLING, BOOTING, INSTALLER_CALLINGINIT, ... */
    public String status = "UP";
    /** Reason shown in parentheses after the state, e.g. {@code hostname changed}. */
    public String statusReason;
    /** Flags shown after the state: {@code restart-required}, {@code health check failed}, ... */
    public List<String> statusFlags = new ArrayList<>();
    public String rack = "";
    public String softwareimage = "";
    /** Roles assigned on the node itself (no prefix in {@code roles; list}). */
    public List<String> roles = new ArrayList<>();

    public static Node physical(String hostname, String category, String ip, String... roles) {
      Node n = new Node();
      n.hostname = hostname;
      n.category = category;
      n.ip = ip;
      n.softwareimage = "default-image";
      n.roles = new ArrayList<>(List.of(roles));
      return n;
    }

    public static Node head(String hostname, String ip) {
      Node n = physical(hostname, "", ip);
      n.type = "HeadNode";
      n.softwareimage = "";
      return n;
    }

    public static Node device(String type, String hostname, String ip) {
      Node n = physical(hostname, "", ip);
      n.type = type;
      n.softwareimage = "";
      return n;
    }

    boolean isNode() {
      return type.equalsIgnoreCase("PhysicalNode") || type.equalsIgnoreCase("HeadNode")
          || type.equalsIgnoreCase("LiteNode");
    }
  }

  /** A node category with its roles and software image. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Category {
    public String name;
    public String softwareimage = "default-image";
    public List<String> roles = new ArrayList<>();

    public static Category of(String name, String... roles) {
      Category c = new Category();
      c.name = name;
      c.roles = new ArrayList<>(List.of(roles));
      return c;
    }
  }

  /** A configuration overlay: roles applied to nodes, categories' members and/or every head node. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Overlay {
    /** The priority that marks an overlay as disabled: it then gives no roles to anything. */
    public static final int DISABLED = -1;
    public String name;
    public int priority = 500;
    public boolean allheadnodes;
    public List<String> nodes = new ArrayList<>();
    public List<String> categories = new ArrayList<>();
    public List<String> roles = new ArrayList<>();

    public static Overlay of(String name, List<String> nodes, List<String> categories, String... roles) {
      Overlay o = new Overlay();
      o.name = name;
      o.nodes = new ArrayList<>(nodes);
      o.categories = new ArrayList<>(categories);
      o.roles = new ArrayList<>(List.of(roles));
      return o;
    }
  }

  /** One recorded {@code grabimage -w}: the node grabbed and the image written. */
  public record GrabImage(String node, String image, boolean fullGrab) {}

  /** One provisioning operation: what started it, its nodes, and when it ends (epoch ms; -1: never). */
  public record ProvisioningJob(String operation, List<String> nodes, long endsAtMillis) {
    boolean runningAt(long nowMillis) {
      return endsAtMillis < 0 || nowMillis < endsAtMillis;
    }
  }

  /** One recorded {@code imageupdate -w}: the nodes updated. */
  public record ImageUpdate(List<String> nodes) {}

  static Map<String, String> defaultSlurm() {
    Map<String, String> slurm = new LinkedHashMap<>();
    slurm.put("type", "Slurm");
    slurm.put("prolog", "/cm/local/apps/cmd/scripts/prolog");
    slurm.put("epilog", "/cm/local/apps/cmd/scripts/epilog");
    slurm.put("prologslurmctld", "");
    slurm.put("epilogslurmctld", "");
    return slurm;
  }

  /**
   * The first node named {@code hostname}. Through an index of positions, checked on every hit and rebuilt when it
   * misses, so a 50,000-node cluster's foreach (one lookup per node) is not quadratic; {@link #nodes} stays the truth.
   */
  Optional<Node> node(String hostname) {
    Integer at = nodeIndex.get(hostname);
    if (at == null || at >= nodes.size() || !nodes.get(at).hostname.equals(hostname)) {
      nodeIndex.clear();
      for (int i = 0; i < nodes.size(); i++) {
        nodeIndex.putIfAbsent(nodes.get(i).hostname, i);
      }
      at = nodeIndex.get(hostname);
    }
    return at == null ? Optional.empty() : Optional.of(nodes.get(at));
  }

  Optional<Category> category(String name) {
    return categories.stream().filter(c -> c.name.equals(name)).findFirst();
  }

  Optional<Overlay> overlay(String name) {
    return overlays.stream().filter(o -> o.name.equals(name)).findFirst();
  }

  /** A deep copy (pending, uncommitted edits live in the copy). */
  ClusterState copy() {
    return JSON.convertValue(JSON.valueToTree(this), ClusterState.class);
  }

  public static ClusterState read(Path file) {
    try {
      return JSON.readValue(file.toFile(), ClusterState.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cmsh simulator: cannot read cluster state " + file, e);
    }
  }

  /** Writes atomically (temp file + rename), so a concurrently starting fake cmsh never reads half a file. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cmsh-state", ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cmsh simulator: cannot write cluster state " + file, e);
    }
  }
}
