package dev.cogalign.agentllm;

/**
 * One model answer with its provenance.
 *
 * @param text the answer's content, without a leading {@code <think>} block
 * @param model the model the server says answered (the configured one when it does not say)
 * @param promptTokens prompt tokens the server reported, null when none
 * @param completionTokens completion tokens the server reported, null when none
 * @param reasoning {@code reasoning_content} (OpenAI-compatible servers), {@code thinking} (Ollama)
 *     or a leading {@code <think>} block, null when none
 */
public record ChatReply(
    String text, String model, Integer promptTokens, Integer completionTokens, String reasoning) {}
