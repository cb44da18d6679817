package dev.cogalign.agentllm;

import java.net.URI;
import java.util.Locale;

/**
 * One agent's model endpoint and how it is called; a null value takes its {@code DEFAULT_*}.
 *
 * <p>Bound by the agent services from {@code cogalign.agent.llm.*} ({@code provider}, {@code
 * base-url}, {@code api-key}, {@code model}, {@code temperature}, {@code max-tokens}, {@code
 * answer-attempts}, {@code json-mode}, {@code resilience.*}).
 *
 * @param provider the wire protocol
 * @param baseUrl for {@link LlmProvider#OPENAI} the URL {@code /chat/completions} is appended to
 *     (ends in {@code /v1} on real servers); for {@link LlmProvider#OLLAMA} the server root
 * @param apiKey bearer token; local servers accept any
 * @param model the model name the server knows
 * @param temperature sampling temperature of the rethinker; the critic and verifier always use 0
 * @param maxTokens completion token limit per call, null for the server's default
 * @param answerAttempts how often an agent asks again when the model's answer cannot be used (a
 *     malformed verdict, a rewrite that lost its final answer)
 * @param jsonMode ask the server for a JSON object ({@code response_format} / Ollama {@code
 *     format}) where the agent expects structured output
 * @param resilience retry, time limit, circuit breaker and rate limiter of this endpoint
 */
public record LlmAgentSettings(
    LlmProvider provider,
    String baseUrl,
    String apiKey,
    String model,
    Double temperature,
    Integer maxTokens,
    Integer answerAttempts,
    Boolean jsonMode,
    ResilienceSettings resilience) {

  public static final LlmProvider DEFAULT_PROVIDER = LlmProvider.OPENAI;

  /** Ollama's OpenAI-compatible endpoint on this machine. */
  public static final String DEFAULT_BASE_URL = "http://localhost:11434/v1";

  public static final String DEFAULT_API_KEY = "none";
  public static final String DEFAULT_MODEL = "qwen2.5:32b-instruct";
  public static final double DEFAULT_TEMPERATURE = 0.3;
  public static final int DEFAULT_ANSWER_ATTEMPTS = 3;
  public static final boolean DEFAULT_JSON_MODE = true;

  public LlmAgentSettings {
    provider = provider == null ? DEFAULT_PROVIDER : provider;
    baseUrl = blankToDefault(baseUrl, DEFAULT_BASE_URL);
    if (!httpUrl(baseUrl)) {
      throw new IllegalArgumentException("baseUrl " + baseUrl + " is not an http(s) URL");
    }
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    apiKey = blankToDefault(apiKey, DEFAULT_API_KEY);
    model = blankToDefault(model, DEFAULT_MODEL);
    temperature = temperature == null ? DEFAULT_TEMPERATURE : temperature;
    if (temperature < 0 || temperature > 2) {
      throw new IllegalArgumentException("temperature " + temperature + " is not in [0, 2]");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens " + maxTokens + " is below 1");
    }
    answerAttempts = answerAttempts == null ? DEFAULT_ANSWER_ATTEMPTS : answerAttempts;
    if (answerAttempts < 1) {
      throw new IllegalArgumentException("answerAttempts " + answerAttempts + " is below 1");
    }
    jsonMode = jsonMode == null ? DEFAULT_JSON_MODE : jsonMode;
    resilience = resilience == null ? ResilienceSettings.DEFAULTS : resilience;
  }

  /** Defaults throughout, for this endpoint and model. */
  public static LlmAgentSettings of(LlmProvider provider, String baseUrl, String model) {
    return new LlmAgentSettings(provider, baseUrl, null, model, null, null, null, null, null);
  }

  /** The same settings with other resilience settings. */
  public LlmAgentSettings withResilience(ResilienceSettings other) {
    return new LlmAgentSettings(
        provider, baseUrl, apiKey, model, temperature, maxTokens, answerAttempts, jsonMode, other);
  }

  /** Names the endpoint in logs, metrics and error messages (no API key). */
  public String endpointName() {
    return provider.name().toLowerCase(Locale.ROOT) + ":" + baseUrl + "#" + model;
  }

  private static boolean httpUrl(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String blankToDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
