package io.dgxmon.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * One hardened read-only HTTP(S) listener on the JDK's server: {@link HttpLimits}, exact routes (404/405),
 * the web config's TLS, basic auth and headers. The exporter's three profiles and the role monitor each run one.
 */
public final class WebServer implements Closeable {
  private final HttpServer server;
  private final ThreadPoolExecutor workers;

  private WebServer(HttpServer server, ThreadPoolExecutor workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Binds {@code address} and serves {@code routes} (path → handler, exact match). {@code name} names the worker
   * threads ({@code dgxmon-http-<name>-N}).
   *
   * @throws IOException when the listener cannot be set up; nothing stays bound then
   */
  public static WebServer start(String name, InetSocketAddress address, Map<String, HttpHandler> routes,
      LiveWebConfig webConfig, HttpLimits limits) throws IOException {
    limits.applyToJdkServer();
    // Everything that may fail is built before binding: a server that was bound but never started keeps its port
    // (its channel stays registered with a selector nobody runs), whatever stop() does.
    HttpsConfigurator tls = webConfig.tls() ? httpsConfigurator(webConfig) : null;
    List<Filter> filters;
    Routes handler;
    try {
      handler = new Routes(routes, limits);
      filters = List.of(new SmallWritesFilter(), new ResponseHeadersFilter(webConfig), new BasicAuthFilter(webConfig));
    } catch (RuntimeException e) {
      throw new IOException("cannot set up the listener on " + address + ": " + e, e);
    }
    HttpServer server = tls == null ? HttpServer.create(address, 128) : HttpsServer.create(address, 128);
    ThreadPoolExecutor workers = WorkerPool.start(name, limits);
    try {
      if (tls != null) {
        ((HttpsServer) server).setHttpsConfigurator(tls);
      }
      server.createContext("/", handler).getFilters().addAll(filters);
      server.setExecutor(workers);
      server.start();
      return new WebServer(server, workers);
    } catch (RuntimeException e) {
      server.stop(0);
      workers.shutdownNow();
      throw new IOException("cannot set up the listener on " + address + ": " + e, e);
    }
  }

  private static HttpsConfigurator httpsConfigurator(LiveWebConfig webConfig) throws IOException {
    try {
      return WebHttpsConfigurator.of(webConfig);
    } catch (RuntimeException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public boolean tls() {
    return server instanceof HttpsServer;
  }

  /** Stops accepting, gives running answers a second, then stops the workers. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdownNow();
  }
}
