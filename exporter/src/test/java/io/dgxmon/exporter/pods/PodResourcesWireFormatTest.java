package io.dgxmon.exporter.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.dgxmon.exporter.pods.api.AllocatableResourcesResponse;
import io.dgxmon.exporter.pods.api.ContainerDevices;
import io.dgxmon.exporter.pods.api.ContainerResources;
import io.dgxmon.exporter.pods.api.ListPodResourcesResponse;
import io.dgxmon.exporter.pods.api.PodResources;
import io.dgxmon.exporter.pods.api.PodResourcesListerGrpc;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins our podresources.proto to the kubelet's documented v1 API (docs/reference/kubernetes.md): the method paths
 * the kubelet routes on and every field number and type we read. A change here breaks every real kubelet.
 */
class PodResourcesWireFormatTest {
  @Test
  void methodPathsAreTheKubeletsV1Ones() {
    assertEquals("v1.PodResourcesLister/List", PodResourcesListerGrpc.getListMethod().getFullMethodName());
    assertEquals("v1.PodResourcesLister/GetAllocatableResources",
        PodResourcesListerGrpc.getGetAllocatableResourcesMethod().getFullMethodName());
  }

  @Test
  void fieldNumbersAndTypesAreTheDocumentedOnes() {
    assertEquals(Map.of("pod_resources", "1 repeated MESSAGE v1.PodResources"),
        fields(ListPodResourcesResponse.getDescriptor()));
    assertEquals(Map.of("name", "1 STRING", "namespace", "2 STRING",
        "containers", "3 repeated MESSAGE v1.ContainerResources"), fields(PodResources.getDescriptor()));
    assertEquals(Map.of("name", "1 STRING", "devices", "2 repeated MESSAGE v1.ContainerDevices"),
        fields(ContainerResources.getDescriptor()));
    assertEquals(Map.of("resource_name", "1 STRING", "device_ids", "2 repeated STRING"),
        fields(ContainerDevices.getDescriptor()));
    assertEquals(Map.of("devices", "1 repeated MESSAGE v1.ContainerDevices"),
        fields(AllocatableResourcesResponse.getDescriptor()));
  }

  private static Map<String, String> fields(Descriptor message) {
    Map<String, String> fields = new TreeMap<>();
    for (FieldDescriptor field : message.getFields()) {
      fields.put(field.getName(), field.getNumber() + (field.isRepeated() ? " repeated " : " ") + field.getType()
          + (field.getType() == FieldDescriptor.Type.MESSAGE ? " " + field.getMessageType().getFullName() : ""));
    }
    return fields;
  }
}
