package dev.cogalign.pipeline.revision;

import dev.cogalign.crv.agent.AgentCall;
import jakarta.persistence.Embeddable;

/**
 * The agent-call columns shared by {@code crv.cot_revision}, {@code crv.critique} and {@code
 * crv.verification}: who wrote the row; all null for a teacher CoT as submitted.
 */
@Embeddable
class CallColumns {
  private String agent;
  private String backend;
  private String model;
  private Long latencyMs;
  private Integer promptTokens;
  private Integer completionTokens;
  private String reasoning;

  protected CallColumns() {}

  CallColumns(AgentCall call) {
    this.agent = call.agent();
    this.backend = call.backend();
    this.model = call.model();
    this.latencyMs = call.latencyMillis();
    this.promptTokens = call.promptTokens();
    this.completionTokens = call.completionTokens();
    this.reasoning = call.reasoning();
  }

  /** The columns of {@code call}; null (every column null) for none. */
  static CallColumns of(AgentCall call) {
    return call == null ? null : new CallColumns(call);
  }

  /**
   * The call, or null when the row has none (Hibernate reads all-null columns as no embeddable).
   */
  static AgentCall toCall(CallColumns columns) {
    if (columns == null || columns.agent == null) {
      return null;
    }
    return new AgentCall(
        columns.agent,
        columns.backend,
        columns.model,
        columns.latencyMs == null ? 0 : columns.latencyMs,
        columns.promptTokens,
        columns.completionTokens,
        columns.reasoning);
  }
}
