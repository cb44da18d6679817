package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.StepFinding;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * jsonb columns as JSON text, and the agent-call parameters of the appends that stay SQL (see
 * {@link RevisionRepository}); the entities read the agent-call columns as {@link CallColumns}.
 */
final class Json {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<StepFinding>> FINDINGS = new TypeReference<>() {};

  private final JsonMapper mapper;

  Json(JsonMapper mapper) {
    this.mapper = mapper;
  }

  String write(Object value) {
    return mapper.writeValueAsString(value);
  }

  List<String> strings(String json) {
    return mapper.readValue(json, STRINGS);
  }

  List<StepFinding> findings(String json) {
    return mapper.readValue(json, FINDINGS);
  }

  static StatementSpec bindCall(StatementSpec spec, AgentCall call) {
    return spec.param("agent", call == null ? null : call.agent())
        .param("backend", call == null ? null : call.backend())
        .param("model", call == null ? null : call.model())
        .param("latency", call == null ? null : call.latencyMillis())
        .param("promptTokens", call == null ? null : call.promptTokens())
        .param("completionTokens", call == null ? null : call.completionTokens())
        .param("reasoning", call == null ? null : call.reasoning());
  }
}
