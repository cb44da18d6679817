package dev.cogalign.agentllm;

/** Which implementation an agent service runs ({@code cogalign.agent.backend}). */
public enum AgentBackend {
  /** crv-core's deterministic rule agents for calculator-annotated CoTs; the offline default. */
  RULES,
  /** A model behind an OpenAI-compatible or Ollama endpoint ({@code cogalign.agent.llm.*}). */
  LLM;

  public static final AgentBackend DEFAULT = RULES;
}
