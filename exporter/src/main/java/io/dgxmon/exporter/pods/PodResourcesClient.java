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
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

  public PodResourcesClient(Path socket) {
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
        .build();
    stub = PodResourcesListerGrpc.newBlockingStub(channel);
    channel.getState(true); // connect now, so the first call's deadline is not spent on the connection
  }

  /** Every pod with its containers' devices. */
  public ListPodResourcesResponse list(Duration deadline) throws PodResourcesException {
    try {
      return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .list(ListPodResourcesRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw new PodResourcesException("List", e);
    }
  }

  /** Every device the kubelet can hand out on this node. */
  public AllocatableResourcesResponse allocatable(Duration deadline) throws PodResourcesException {
    try {
      return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getAllocatableResources(AllocatableResourcesRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw new PodResourcesException("GetAllocatableResources", e);
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
