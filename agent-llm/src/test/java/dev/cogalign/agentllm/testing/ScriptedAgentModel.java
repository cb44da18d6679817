package dev.cogalign.agentllm.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in model that answers the three agents' prompts plausibly, for end-to-end runs and
 * benchmarks against {@link ScriptedChatServer} ({@code server.otherwise(new
 * ScriptedAgentModel(...))}): the critic gets the verdict the given function picks for the CoT, the
 * rethinker gets the CoT back with one more opening line (answer and form kept), the verifier gets
 * every numbered step judged to hold. Every answer comes after the given latency.
 */
public final class ScriptedAgentModel implements Function<RecordedRequest, ScriptedResponse> {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern NUMBERED = Pattern.compile("(?m)^\\[(\\d+)] ");
  private static final String REWRITE_MARKER = "Chain of thought to rewrite:\n";
  private static final String COT_MARKER = "Chain of thought:\n";

  private final Function<String, String> verdict;
  private final Duration latency;

  /**
   * @param verdict the critic's verdict (EASY, MEDIUM, HARD) for the CoT as the critic sees it
   *     (numbered steps)
   * @param latency how long each answer takes
   */
  public ScriptedAgentModel(Function<String, String> verdict, Duration latency) {
    this.verdict = verdict;
    this.latency = latency;
  }

  @Override
  public ScriptedResponse apply(RecordedRequest request) {
    String system = ChatJson.lastMessage(request.body(), "system");
    String user = ChatJson.lastMessage(request.body(), "user");
    String content;
    if (system.contains("You are the critic")) {
      String cot = after(user, COT_MARKER);
      content =
          JSON.writeValueAsString(
              Map.of(
                  "verdict",
                  verdict.apply(cot),
                  "reasons",
                  List.of(Map.of("step", 0, "message", "scripted verdict"))));
    } else if (system.contains("You are the rethinker")) {
      content = "Let us go step by step.\n" + after(user, REWRITE_MARKER);
    } else if (system.contains("You are the verifier")) {
      List<Map<String, Object>> steps = new ArrayList<>();
      Matcher m = NUMBERED.matcher(after(user, COT_MARKER));
      while (m.find()) {
        steps.add(Map.of("step", Integer.parseInt(m.group(1)), "ok", true, "message", "holds"));
      }
      if (steps.isEmpty()) {
        steps.add(Map.of("step", 0, "ok", true, "message", "holds"));
      }
      content = JSON.writeValueAsString(Map.of("steps", steps));
    } else {
      return ScriptedResponse.error(400, "not an agent prompt");
    }
    String body =
        request.path().endsWith("/api/chat")
            ? ChatJson.ollamaChat("scripted-agent-model", content, null, 100, 20)
            : ChatJson.completion("scripted-agent-model", content, null, 100, 20);
    return ScriptedResponse.json(body).after(latency);
  }

  private static String after(String text, String marker) {
    int at = text.lastIndexOf(marker);
    String rest = at < 0 ? text : text.substring(at + marker.length());
    int note = rest.indexOf("\n\nYour previous answer could not be used");
    return (note < 0 ? rest : rest.substring(0, note)).strip();
  }
}
