package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.StepFinding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** jsonb columns and the agent-call columns shared by revisions, critiques and verifications. */
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

  static AgentCall call(ResultSet rs) throws SQLException {
    String agent = rs.getString("agent");
    if (agent == null) {
      return null;
    }
    return new AgentCall(
        agent,
        rs.getString("backend"),
        rs.getString("model"),
        rs.getLong("latency_ms"),
        (Integer) rs.getObject("prompt_tokens"),
        (Integer) rs.getObject("completion_tokens"),
        rs.getString("reasoning"));
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
