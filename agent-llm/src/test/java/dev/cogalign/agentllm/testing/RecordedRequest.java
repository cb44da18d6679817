package dev.cogalign.agentllm.testing;

import java.util.List;
import java.util.Map;

/** A request {@link ScriptedChatServer} received. */
public record RecordedRequest(
    String method, String path, Map<String, List<String>> headers, String body) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (names case-insensitive), null when absent. */
  public String header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }
}
