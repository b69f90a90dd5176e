package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * TLS for the JDK server from the web config in force: the JDK calls {@link #configure} for every new connection,
 * so versions, cipher suites and the client certificate policy follow a reloaded file like the key pair does.
 */
final class WebHttpsConfigurator extends HttpsConfigurator {
  private final LiveWebConfig live;

  private WebHttpsConfigurator(SSLContext context, LiveWebConfig live) {
    super(context);
    this.live = live;
  }

  static WebHttpsConfigurator of(LiveWebConfig live) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new ReloadingKeyManager(live)},
          new TrustManager[] {new ClientCertificateCheck(live)}, null);
      return new WebHttpsConfigurator(context, live);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime cannot set up TLS", e);
    }
  }

  @Override
  public void configure(HttpsParameters params) {
    WebConfig.Tls tls = live.current().config().tls().orElseThrow();
    SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
    ssl.setProtocols(tls.protocols().toArray(new String[0]));
    if (!tls.cipherSuites().isEmpty()) {
      ssl.setCipherSuites(tls.cipherSuites().toArray(new String[0]));
      ssl.setUseCipherSuitesOrder(true);
    }
    if (tls.clientAuth().requires) {
      ssl.setNeedClientAuth(true);
    } else if (tls.clientAuth().requests) {
      ssl.setWantClientAuth(true);
    }
    params.setSSLParameters(ssl);
  }
}
