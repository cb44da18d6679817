package dev.cogalign.agentllm;

/** The wire protocol of a model server. */
public enum LlmProvider {
  /**
   * OpenAI chat completions ({@code POST <base-url>/chat/completions}): vLLM, SGLang, llama.cpp,
   * Ollama's {@code /v1}, hosted APIs. The base URL of a real server ends in {@code /v1}.
   */
  OPENAI,
  /** Ollama's native API ({@code POST <base-url>/api/chat}); the base URL has no {@code /v1}. */
  OLLAMA
}
