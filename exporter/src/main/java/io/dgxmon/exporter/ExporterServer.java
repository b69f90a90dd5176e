package io.dgxmon.exporter;

import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.exporter.cgroup.CgroupProfile;
import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.energy.EnergyProfile;
import io.dgxmon.exporter.gpu.GpuProfiles;
import io.dgxmon.exporter.scrape.ListenerRegistry;
import io.dgxmon.common.web.HttpLimits;
import io.dgxmon.common.web.LandingPage;
import io.dgxmon.common.web.LiveWebConfig;
import io.dgxmon.common.web.WebServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** The exporter's three HTTP listeners, each serving one profile's registry on {@code /metrics}. */
public final class ExporterServer implements Closeable {

  /** The three profiles, each on its own port. */
  public enum Endpoint { DCGM, GPU, CGROUP }

  /** A listener could not be opened; the message is one line naming the address. */
  public static final class ListenException extends Exception {
    private static final long serialVersionUID = 1L;

    ListenException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Map<Endpoint, ListenerRegistry> registries;
  private final Map<Endpoint, WebServer> servers = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, ListenAddress> addresses = new EnumMap<>(Endpoint.class);

  private ExporterServer(Map<Endpoint, ListenerRegistry> registries) {
    this.registries = registries;
  }

  /** Builds every profile's registry and opens the listeners that are not {@code off}, without a web config. */
  public static ExporterServer start(ExporterConfig config, Consumer<String> log) throws ListenException {
    return start(config, LiveWebConfig.none(), log);
  }

  /** As {@link #start(ExporterConfig, Consumer)}, every listener with {@code webConfig} (TLS, basic auth, headers). */
  public static ExporterServer start(ExporterConfig config, LiveWebConfig webConfig, Consumer<String> log)
      throws ListenException {
    Map<Endpoint, Optional<ListenAddress>> wanted = new EnumMap<>(Endpoint.class);
    wanted.put(Endpoint.DCGM, config.dcgmListenAddress());
    wanted.put(Endpoint.GPU, config.gpuListenAddress());
    wanted.put(Endpoint.CGROUP, config.cgroupListenAddress());
    ExporterServer server = new ExporterServer(registries(config, log));
    for (Map.Entry<Endpoint, Optional<ListenAddress>> entry : wanted.entrySet()) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      ListenAddress address = entry.getValue().get();
      try {
        server.servers.put(entry.getKey(),
            listen(entry.getKey(), address, server.registries.get(entry.getKey()), webConfig));
        server.addresses.put(entry.getKey(), address);
      } catch (IOException e) {
        server.close();
        throw new ListenException("cannot listen on " + address + " (" + entry.getKey().name().toLowerCase()
            + " profile): " + reason(e), e);
      }
    }
    return server;
  }

  /**
   * One registry per profile. Each profile adds its collectors; {@link ListenerRegistry#build()} then appends the
   * self-metrics.
   */
  static Map<Endpoint, ListenerRegistry> registries(ExporterConfig config, Consumer<String> log) {
    ListenerRegistry dcgm = new ListenerRegistry();
    ListenerRegistry gpu = new ListenerRegistry();
    ListenerRegistry cgroup = new ListenerRegistry();
    GpuProfiles.register(dcgm, gpu, config, log);
    CgroupProfile.register(cgroup, config, log);
    if (config.cgroupListenAddress().isPresent()) {
      EnergyProfile.register(cgroup, config, log);
    }
    Map<Endpoint, ListenerRegistry> registries = new EnumMap<>(Endpoint.class);
    registries.put(Endpoint.DCGM, dcgm);
    registries.put(Endpoint.GPU, gpu);
    registries.put(Endpoint.CGROUP, cgroup);
    return registries;
  }

  private static WebServer listen(Endpoint endpoint, ListenAddress address, ListenerRegistry registry,
      LiveWebConfig webConfig) throws IOException {
    String profile = endpoint.name().toLowerCase();
    InetSocketAddress socket = address.bindsEveryAddress() ? new InetSocketAddress(address.port())
        : new InetSocketAddress(address.host(), address.port());
    return WebServer.start(profile, socket, Map.of("/metrics", registry.endpoint(),
        "/", new LandingPage("dgxmon-exporter, " + profile + " profile", List.of("/metrics"))),
        webConfig, HttpLimits.DEFAULT);
  }

  private static String reason(IOException e) {
    if (e instanceof BindException) {
      return "address already in use or not available (" + e.getMessage() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The port an open listener got (useful with port 0). */
  public OptionalInt port(Endpoint endpoint) {
    WebServer server = servers.get(endpoint);
    return server == null ? OptionalInt.empty() : OptionalInt.of(server.port());
  }

  /** One line per open listener, e.g. {@code cgroup profile on :9306}. */
  public List<String> listening() {
    List<String> lines = new ArrayList<>();
    servers.forEach((endpoint, server) -> lines.add(endpoint.name().toLowerCase() + " profile on "
        + addresses.get(endpoint).withPort(server.port())));
    return lines;
  }

  @Override
  public void close() {
    servers.values().forEach(WebServer::close);
    registries.values().forEach(ListenerRegistry::close);
  }
}
