package io.dgxmon.testkit.kubelet;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A kubelet pod-resources service for tests: a real gRPC server on a Unix socket answering
 * {@code /v1.PodResourcesLister/List} and {@code /v1.PodResourcesLister/GetAllocatableResources} with the pods it is
 * given. Its pods can change (a pod that goes away), and it can hang: accept calls and never answer.
 */
public final class FakeKubelet implements AutoCloseable {
  public static final String SERVICE = "v1.PodResourcesLister";
  /** grpc asks for SO_KEEPALIVE on every accepted channel; netty warns that a Unix socket has none. */
  private static final Logger BOOTSTRAP_LOG = Logger.getLogger(
      "io.grpc.netty.shaded.io.netty.bootstrap");

  static {
    BOOTSTRAP_LOG.setLevel(Level.SEVERE);
  }

  private final Path socket;
  private final EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
  private final Server server;
  private final AtomicInteger listCalls = new AtomicInteger();
  private final List<StreamObserver<byte[]>> held = new CopyOnWriteArrayList<>();
  private volatile List<KubeletPod> pods;
  private volatile boolean hanging;

  private FakeKubelet(Path socket, List<KubeletPod> pods) throws IOException {
    this.socket = socket;
    this.pods = List.copyOf(pods);
    ServerServiceDefinition service = ServerServiceDefinition.builder(SERVICE)
        .addMethod(unary("List"), ServerCalls.asyncUnaryCall((request, answer) -> {
          listCalls.incrementAndGet();
          answer(answer, this::listAnswer);
        }))
        .addMethod(unary("GetAllocatableResources"), ServerCalls.asyncUnaryCall((request, answer) ->
            answer(answer, this::allocatableAnswer)))
        .build();
    server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(loop)
        .workerEventLoopGroup(loop)
        .addService(service)
        .build()
        .start();
  }

  /** Serves {@code pods} on a new socket at {@code socket} (its directory must exist). */
  public static FakeKubelet start(Path socket, List<KubeletPod> pods) {
    try {
      return new FakeKubelet(socket, pods);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve a fake kubelet on " + socket, e);
    }
  }

  public Path socket() {
    return socket;
  }

  /** From now on List answers with these pods (drop one to make it go away). */
  public void pods(List<KubeletPod> now) {
    pods = List.copyOf(now);
  }

  /** While true, calls are accepted and never answered (a hung kubelet); false answers again. */
  public void hang(boolean hang) {
    hanging = hang;
  }

  public int listCalls() {
    return listCalls.get();
  }

  private void answer(StreamObserver<byte[]> answer, java.util.function.Supplier<byte[]> body) {
    if (hanging) {
      held.add(answer); // never completed: the client's deadline has to end the call
      return;
    }
    answer.onNext(body.get());
    answer.onCompleted();
  }

  /** ListPodResourcesResponse: pod_resources 1. */
  private byte[] listAnswer() {
    ProtoWriter answer = new ProtoWriter();
    pods.forEach(pod -> answer.message(1, pod.encode()));
    return answer.toByteArray();
  }

  /** AllocatableResourcesResponse: devices 1, here every device some pod holds. */
  private byte[] allocatableAnswer() {
    ProtoWriter answer = new ProtoWriter();
    pods.stream().flatMap(p -> p.containers().stream()).flatMap(c -> c.devices().stream())
        .forEach(d -> answer.message(1, KubeletPod.encode(d)));
    return answer.toByteArray();
  }

  private static MethodDescriptor<byte[], byte[]> unary(String method) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
        .setRequestMarshaller(RawBytes.INSTANCE)
        .setResponseMarshaller(RawBytes.INSTANCE)
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }

  /** Messages as raw protobuf bytes. */
  private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
