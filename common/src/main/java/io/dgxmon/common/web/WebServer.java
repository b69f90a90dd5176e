package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
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
   */
  public static WebServer start(String name, InetSocketAddress address, Map<String, HttpHandler> routes,
      LiveWebConfig webConfig, HttpLimits limits) throws IOException {
    limits.applyToJdkServer();
    HttpServer server;
    if (webConfig.tls()) {
      HttpsServer https = HttpsServer.create(address, 128);
      https.setHttpsConfigurator(WebHttpsConfigurator.of(webConfig));
      server = https;
    } else {
      server = HttpServer.create(address, 128);
    }
    HttpContext context = server.createContext("/", new Routes(routes, limits));
    context.getFilters().add(new SmallWritesFilter());
    context.getFilters().add(new ResponseHeadersFilter(webConfig));
    context.getFilters().add(new BasicAuthFilter(webConfig));
    ThreadPoolExecutor workers = WorkerPool.start(name, limits);
    server.setExecutor(workers);
    server.start();
    return new WebServer(server, workers);
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
