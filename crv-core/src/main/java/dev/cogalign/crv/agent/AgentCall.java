package dev.cogalign.crv.agent;

/**
 * Provenance of one agent answer, stored with every critique, revision and verification.
 *
 * @param agent critic, rethinker or verifier
 * @param backend {@code rules} or {@code llm}
 * @param model the model name, or the rule set's name and version for the rules backend
 * @param latencyMillis wall time of the agent call
 * @param promptTokens prompt tokens reported by the model server, null when none
 * @param completionTokens completion tokens reported by the model server, null when none
 * @param reasoning the server's {@code reasoning_content}, null when none
 */
public record AgentCall(
    String agent,
    String backend,
    String model,
    long latencyMillis,
    Integer promptTokens,
    Integer completionTokens,
    String reasoning) {}
