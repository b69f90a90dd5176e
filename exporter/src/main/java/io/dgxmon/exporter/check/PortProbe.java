package io.dgxmon.exporter.check;

import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.exporter.check.PortFacts.State;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tries each listen address the way the service binds it, and releases it at once. A port that is taken is asked
 * for {@code /metrics} over plain HTTP: a running dgxmon-exporter there is fine (the check runs beside the service).
 * The check has no credentials, so a port that answers 401 (basic auth) or speaks TLS counts as held by a
 * dgxmon-exporter running with {@code --web.config.file} ({@link State#PROTECTED}), not as a foreign service.
 */
final class PortProbe {
  private static final int HTTP_TIMEOUT_MILLIS = 2_000;
  private static final int MAX_ANSWER_BYTES = 4 << 20;
  /** Every dgxmon listener serves this self metric. */
  private static final String DGXMON_METRIC = "dgxmon_scrape_collector_success";

  private PortProbe() {}

  static PortFacts probe(String profile, Optional<ListenAddress> address) {
    if (address.isEmpty()) {
      return new PortFacts(profile, address, State.OFF, "");
    }
    ListenAddress listen = address.get();
    if (listen.port() == 0) {
      return new PortFacts(profile, address, State.ANY_PORT, "");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(listen.bindsEveryAddress() ? new InetSocketAddress(listen.port())
          : new InetSocketAddress(listen.host(), listen.port()));
      return new PortFacts(profile, address, State.FREE, "");
    } catch (IOException e) {
      Answer answer = ask(listen);
      if (answer == Answer.DGXMON) {
        return new PortFacts(profile, address, State.DGXMON, "");
      }
      if (answer == Answer.BASIC_AUTH) {
        return new PortFacts(profile, address, State.PROTECTED, "basic auth (HTTP 401)");
      }
      if (answer == Answer.NO_HTTP && speaksTls(listen)) {
        return new PortFacts(profile, address, State.PROTECTED, "TLS");
      }
      return new PortFacts(profile, address, State.IN_USE, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private enum Answer { DGXMON, BASIC_AUTH, NO_HTTP, OTHER }

  private static String authority(ListenAddress listen) {
    String host = listen.bindsEveryAddress() ? "127.0.0.1" : listen.host();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static Answer ask(ListenAddress listen) {
    HttpURLConnection connection;
    try {
      connection = (HttpURLConnection)
          URI.create("http://" + authority(listen) + ":" + listen.port() + "/metrics").toURL().openConnection();
    } catch (IOException | IllegalArgumentException e) {
      return Answer.OTHER;
    }
    connection.setConnectTimeout(HTTP_TIMEOUT_MILLIS);
    connection.setReadTimeout(HTTP_TIMEOUT_MILLIS);
    int status;
    try {
      status = connection.getResponseCode();
    } catch (IOException e) {
      return Answer.NO_HTTP;
    }
    if (status == 401) {
      String challenge = connection.getHeaderField("WWW-Authenticate");
      return challenge != null && challenge.regionMatches(true, 0, "Basic", 0, 5) ? Answer.BASIC_AUTH : Answer.OTHER;
    }
    if (status != 200) {
      return Answer.OTHER;
    }
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8).contains(DGXMON_METRIC)
          ? Answer.DGXMON : Answer.OTHER;
    } catch (IOException e) {
      return Answer.OTHER;
    }
  }

  /**
   * Whether the port completes a TLS handshake, or refuses one with a TLS alert (a server that requires client
   * certificates). Nothing is verified and nothing is sent after the handshake.
   */
  private static boolean speaksTls(ListenAddress listen) {
    String host = listen.bindsEveryAddress() ? "127.0.0.1" : listen.host();
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustEverything()}, null);
      try (Socket plain = new Socket()) {
        plain.connect(new InetSocketAddress(host, listen.port()), HTTP_TIMEOUT_MILLIS);
        plain.setSoTimeout(HTTP_TIMEOUT_MILLIS);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, listen.port(), false)) {
          tls.startHandshake();
          return true;
        }
      }
    } catch (SSLException e) {
      // A TLS server that ended the handshake with an alert (e.g. no client certificate): still TLS.
      return e.getMessage() != null && e.getMessage().startsWith("Received fatal alert");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Accepts any server certificate: the handshake only tells whether the port speaks TLS. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
