package io.dgxmon.exporter.pods;

import io.dgxmon.exporter.pods.api.AllocatableResourcesRequest;
import io.dgxmon.exporter.pods.api.AllocatableResourcesResponse;
import io.dgxmon.exporter.pods.api.ListPodResourcesRequest;
import io.dgxmon.exporter.pods.api.ListPodResourcesResponse;
import io.dgxmon.exporter.pods.api.PodResourcesListerGrpc;
import io.dgxmon.exporter.pods.api.PodResourcesListerGrpc.PodResourcesListerBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.buffer.UnpooledByteBufAllocator;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kubelet's pod-resources service over its Unix socket (gRPC, plaintext, as the kubelet serves it). One channel
 * and one event-loop thread for the exporter's life; every call has a deadline.
 */
public final class PodResourcesClient implements AutoCloseable {
  /** The kubelet answers a few KiB per pod; a larger answer than this is refused rather than buffered. */
  private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
  /**
   * grpc-java sets SO_KEEPALIVE on every client channel and netty warns on each connect that a Unix socket has no
   * such option; the warning says nothing about our socket, so it is silenced (held here so the level sticks).
   */
  private static final Logger BOOTSTRAP_LOG = quiet("io.grpc.netty.shaded.io.netty.bootstrap");

  private final EpollEventLoopGroup loop;
  private final ManagedChannel channel;
  private final PodResourcesListerBlockingStub stub;

  /** @throws IllegalStateException when netty's epoll transport (the only one for Unix sockets) cannot load */
  public PodResourcesClient(Path socket) {
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException("gRPC's epoll transport is unavailable: " + Epoll.unavailabilityCause());
    }
    loop = new EpollEventLoopGroup(1, runnable -> {
      Thread thread = new Thread(runnable, "dgxmon-kubelet-grpc");
      thread.setDaemon(true);
      return thread;
    });
    channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .eventLoopGroup(loop)
        .channelType(EpollDomainSocketChannel.class)
        .usePlaintext()
        .maxInboundMessageSize(MAX_ANSWER_BYTES)
        // Heap buffers, unpooled: one small call every few seconds needs none of netty's per-core direct arenas,
        // which would cost the exporter's small heap budget several MiB of RSS.
        .withOption(ChannelOption.ALLOCATOR, new UnpooledByteBufAllocator(false))
        .build();
    stub = PodResourcesListerGrpc.newBlockingStub(channel);
    channel.getState(true); // connect now, so the first call's deadline is not spent on the connection
  }

  /** Every pod with its containers' devices. */
  public ListPodResourcesResponse list(Duration deadline) throws PodResourcesException {
    return call("List", () -> within(deadline).list(ListPodResourcesRequest.getDefaultInstance()));
  }

  /** Every device the kubelet can hand out on this node. */
  public AllocatableResourcesResponse allocatable(Duration deadline) throws PodResourcesException {
    return call("GetAllocatableResources",
        () -> within(deadline).getAllocatableResources(AllocatableResourcesRequest.getDefaultInstance()));
  }

  private PodResourcesListerBlockingStub within(Duration deadline) {
    return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static <T> T call(String method, Supplier<T> rpc) throws PodResourcesException {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw new PodResourcesException(method, e);
    }
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** Ends the calls in flight, then the event loop (in that order: the channel's last tasks run on the loop). */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
