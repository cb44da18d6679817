package dev.cogalign.agentweb.config;

import dev.cogalign.agentllm.AgentBackend;
import dev.cogalign.agentllm.LlmAgentSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cogalign.agent.*}: which backend the agent service runs (it judges, rewrites or verifies),
 * and the model endpoint of the {@code llm} one.
 *
 * @param backend {@code rules} (default) or {@code llm}
 * @param llm endpoint, model and resilience of the {@code llm} backend
 * @param maxRequestBytes the largest request body accepted
 */
@ConfigurationProperties("cogalign.agent")
public record AgentProperties(AgentBackend backend, LlmAgentSettings llm, Long maxRequestBytes) {
  public static final long DEFAULT_MAX_REQUEST_BYTES = 512 * 1024;

  public AgentProperties {
    backend = backend == null ? AgentBackend.DEFAULT : backend;
    llm = llm == null ? LlmAgentSettings.of(null, null, null) : llm;
    maxRequestBytes = maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
  }
}
