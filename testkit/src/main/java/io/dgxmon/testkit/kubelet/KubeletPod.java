package io.dgxmon.testkit.kubelet;

import java.util.List;

/** One pod as the fake kubelet reports it: its containers and, per container, the devices of each resource. */
public record KubeletPod(String namespace, String name, List<Container> containers) {
  public KubeletPod {
    containers = List.copyOf(containers);
  }

  /** A pod with one container holding {@code deviceIds} of {@code resource}. */
  public static KubeletPod of(String namespace, String name, String container, String resource, String... deviceIds) {
    return new KubeletPod(namespace, name, List.of(new Container(container, List.of(new Devices(resource,
        List.of(deviceIds))))));
  }

  public record Container(String name, List<Devices> devices) {
    public Container {
      devices = List.copyOf(devices);
    }
  }

  public record Devices(String resourceName, List<String> deviceIds) {
    public Devices {
      deviceIds = List.copyOf(deviceIds);
    }
  }

  /** PodResources: name 1, namespace 2, containers 3 (ContainerResources: name 1, devices 2). */
  ProtoWriter encode() {
    ProtoWriter pod = new ProtoWriter().string(1, name).string(2, namespace);
    for (Container container : containers) {
      ProtoWriter encoded = new ProtoWriter().string(1, container.name());
      container.devices().forEach(d -> encoded.message(2, encode(d)));
      pod.message(3, encoded);
    }
    return pod;
  }

  /** ContainerDevices: resource_name 1, device_ids 2. */
  static ProtoWriter encode(Devices devices) {
    ProtoWriter encoded = new ProtoWriter().string(1, devices.resourceName());
    devices.deviceIds().forEach(id -> encoded.string(2, id));
    return encoded;
  }
}
