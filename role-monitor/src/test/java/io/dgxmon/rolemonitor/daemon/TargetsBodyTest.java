package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /targets renders once per change and hands every request the very same bytes (issue 13: 100 clients). */
class TargetsBodyTest {
  private static final List<TargetGroup> GROUPS =
      List.of(new TargetGroup(List.of("dgx-01:9100"), Map.of("job", "node_exporter")));

  @Test
  void everyRequestIsServedTheOneRenderedArray() throws Exception {
    TargetsBody body = new TargetsBody();
    TargetsHandler handler = new TargetsHandler(body::json);
    assertEquals(503, serve(handler).status);
    body.update(GROUPS);
    byte[] rendered = body.json();
    assertEquals("[{\"targets\":[\"dgx-01:9100\"],\"labels\":{\"job\":\"node_exporter\"}}]",
        new String(rendered, StandardCharsets.UTF_8));
    for (int i = 0; i < 3; i++) {
      Exchange served = serve(handler);
      assertEquals(200, served.status);
      assertEquals(rendered.length, served.lengths.stream().mapToInt(Integer::intValue).sum());
      served.arrays.forEach(a -> assertSame(rendered, a, "a request rendered (or copied) the body itself"));
    }
  }

  @Test
  void aBigBodyIsWrittenInSlicesSoTheServerKeepsNoBodySizedBufferPerConnection() throws Exception {
    List<TargetGroup> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add(new TargetGroup(List.of("dgx-" + i + ":9100"), Map.of("job", "node_exporter")));
    }
    TargetsBody body = new TargetsBody();
    body.update(many);
    Exchange served = serve(new TargetsHandler(body::json));
    assertEquals(body.json().length, served.lengths.stream().mapToInt(Integer::intValue).sum());
    served.lengths.forEach(n -> assertTrue(n <= TargetsHandler.WRITE_SLICE, n + " bytes in one write"));
  }

  @Test
  void rendersAgainOnlyWhenTheGroupsChange() {
    TargetsBody body = new TargetsBody();
    assertNull(body.json());
    body.update(GROUPS);
    byte[] first = body.json();
    body.update(new ArrayList<>(GROUPS));
    assertSame(first, body.json(), "equal groups must not be rendered again");
    body.update(List.of(new TargetGroup(List.of("dgx-02:9100"), Map.of("job", "node_exporter"))));
    assertNotSame(first, body.json());
  }

  private static Exchange serve(TargetsHandler handler) throws Exception {
    Exchange exchange = new Exchange();
    handler.handle(exchange);
    return exchange;
  }

  /** Just enough of an exchange to see which array the handler writes. */
  private static final class Exchange extends HttpExchange {
    final List<byte[]> arrays = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();
    int status;
    private final Headers responseHeaders = new Headers();
    private final OutputStream body = new OutputStream() {
      @Override
      public void write(int b) {
        throw new AssertionError("the body is written byte by byte");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        arrays.add(b);
        lengths.add(len);
      }
    };

    @Override public Headers getRequestHeaders() { return new Headers(); }
    @Override public Headers getResponseHeaders() { return responseHeaders; }
    @Override public URI getRequestURI() { return URI.create("/targets"); }
    @Override public String getRequestMethod() { return "GET"; }
    @Override public HttpContext getHttpContext() { return null; }
    @Override public void close() { }
    @Override public InputStream getRequestBody() { return new ByteArrayInputStream(new byte[0]); }
    @Override public OutputStream getResponseBody() { return body; }
    @Override public void sendResponseHeaders(int code, long length) { status = code; }
    @Override public InetSocketAddress getRemoteAddress() { return null; }
    @Override public int getResponseCode() { return status; }
    @Override public InetSocketAddress getLocalAddress() { return null; }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public Object getAttribute(String name) { return null; }
    @Override public void setAttribute(String name, Object value) { }
    @Override public void setStreams(InputStream i, OutputStream o) { }
    @Override public HttpPrincipal getPrincipal() { return null; }
  }
}
