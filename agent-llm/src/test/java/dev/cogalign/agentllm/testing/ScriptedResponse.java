package dev.cogalign.agentllm.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scripted answer of {@link ScriptedChatServer}.
 *
 * @param status HTTP status
 * @param headers extra response headers
 * @param body response body (JSON)
 * @param delay how long after the request arrives the server answers (a model's latency)
 * @param hold whether the server holds the answer until it is closed (a hung model server)
 */
public record ScriptedResponse(
    int status, Map<String, String> headers, String body, Duration delay, boolean hold) {

  public ScriptedResponse {
    headers = Map.copyOf(headers);
  }

  /** 200 with a JSON body. */
  public static ScriptedResponse json(String body) {
    return new ScriptedResponse(200, Map.of(), body, Duration.ZERO, false);
  }

  /** An HTTP error with a JSON error body in OpenAI's shape. */
  public static ScriptedResponse error(int status, String message) {
    return new ScriptedResponse(
        status,
        Map.of(),
        "{\"error\":{\"message\":\""
            + message
            + "\",\"type\":\"server_error\",\"code\":"
            + status
            + "}}",
        Duration.ZERO,
        false);
  }

  /** A chat completion whose message content is {@code content}, with usage 10/5. */
  public static ScriptedResponse chat(String content) {
    return json(ChatJson.completion("scripted-model", content, null, 10, 5));
  }

  /** The same answer with one more header. */
  public ScriptedResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ScriptedResponse(status, more, body, delay, hold);
  }

  /** The same answer after a delay. */
  public ScriptedResponse after(Duration wait) {
    return new ScriptedResponse(status, headers, body, wait, hold);
  }

  /** The same answer, held until the server closes (longer than any time limit in a test). */
  public ScriptedResponse held() {
    return new ScriptedResponse(status, headers, body, delay, true);
  }
}
