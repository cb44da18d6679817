package dev.cogalign.agentllm.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Bodies of the chat-completions protocol and of Ollama's native {@code /api/chat}. */
public final class ChatJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ChatJson() {}

  /** An OpenAI {@code chat.completion}; {@code reasoning} goes to {@code reasoning_content}. */
  public static String completion(
      String model, String content, String reasoning, int promptTokens, int completionTokens) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    if (reasoning != null) {
      message.put("reasoning_content", reasoning);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "chatcmpl-scripted");
    body.put("object", "chat.completion");
    body.put("created", 1_700_000_000L);
    body.put("model", model);
    body.put("choices", List.of(Map.of("index", 0, "message", message, "finish_reason", "stop")));
    body.put(
        "usage",
        Map.of(
            "prompt_tokens",
            promptTokens,
            "completion_tokens",
            completionTokens,
            "total_tokens",
            promptTokens + completionTokens));
    return JSON.writeValueAsString(body);
  }

  /** An Ollama native {@code /api/chat} answer (not streamed). */
  public static String ollamaChat(
      String model, String content, String thinking, int promptEvalCount, int evalCount) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    if (thinking != null) {
      message.put("thinking", thinking);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("created_at", "2026-01-01T00:00:00Z");
    body.put("message", message);
    body.put("done", true);
    body.put("done_reason", "stop");
    body.put("total_duration", 1_000_000L);
    body.put("prompt_eval_count", promptEvalCount);
    body.put("eval_count", evalCount);
    return JSON.writeValueAsString(body);
  }

  /** The text of the last message with this role in a recorded request body. */
  public static String lastMessage(String requestBody, String role) {
    var messages = JSON.readTree(requestBody).path("messages");
    String found = null;
    for (var m : messages) {
      if (role.equals(m.path("role").asString())) {
        found = m.path("content").asString();
      }
    }
    return found;
  }

  /** A top-level field of a recorded request body, as text ("" when absent). */
  public static String field(String requestBody, String name) {
    var node = JSON.readTree(requestBody).path(name);
    return node.isMissingNode() ? "" : node.toString();
  }
}
