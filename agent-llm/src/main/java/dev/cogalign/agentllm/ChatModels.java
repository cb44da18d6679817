package dev.cogalign.agentllm;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;

/**
 * Builds Spring AI chat models programmatically (no auto-configuration). Their own retries are off:
 * {@link ResilientChat} retries, so that every attempt passes the circuit breaker and the rate
 * limiter once.
 */
public final class ChatModels {
  /** The HTTP client's own read time-out exceeds the time limiter's by this much (a backstop). */
  static final Duration HTTP_TIMEOUT_MARGIN = Duration.ofSeconds(5);

  private static final int MAX_ERROR_BODY_BYTES = 2_000;

  private ChatModels() {}

  /**
   * A chat model for the settings' endpoint.
   *
   * @param temperature sampling temperature of every call
   * @param json whether to ask the server for a JSON object (ignored unless {@code
   *     settings.jsonMode()})
   */
  public static ChatModel create(LlmAgentSettings settings, double temperature, boolean json) {
    return create(settings, temperature, json, ObservationRegistry.NOOP);
  }

  /**
   * A chat model whose calls are observed (Spring AI's {@code gen_ai.client.operation} timer and
   * token-usage meters when the registry has a meter handler).
   */
  public static ChatModel create(
      LlmAgentSettings settings,
      double temperature,
      boolean json,
      ObservationRegistry observations) {
    Duration httpTimeout = settings.resilience().timeout().plus(HTTP_TIMEOUT_MARGIN);
    boolean jsonObject = json && settings.jsonMode();
    return switch (settings.provider()) {
      case OPENAI -> openAi(settings, temperature, jsonObject, httpTimeout, observations);
      case OLLAMA -> ollama(settings, temperature, jsonObject, httpTimeout, observations);
    };
  }

  private static ChatModel openAi(
      LlmAgentSettings settings,
      double temperature,
      boolean json,
      Duration httpTimeout,
      ObservationRegistry observations) {
    OpenAiChatOptions.Builder options =
        OpenAiChatOptions.builder()
            .baseUrl(settings.baseUrl())
            .apiKey(settings.apiKey())
            .model(settings.model())
            .temperature(temperature)
            .maxRetries(0)
            .timeout(httpTimeout);
    if (settings.maxTokens() != null) {
      options.maxTokens(settings.maxTokens());
    }
    if (json) {
      options.responseFormat(
          OpenAiChatModel.ResponseFormat.builder()
              .type(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT)
              .build());
    }
    return OpenAiChatModel.builder()
        .options(options.build())
        .observationRegistry(observations)
        .build();
  }

  private static ChatModel ollama(
      LlmAgentSettings settings,
      double temperature,
      boolean json,
      Duration httpTimeout,
      ObservationRegistry observations) {
    JdkClientHttpRequestFactory requestFactory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(httpTimeout).build());
    requestFactory.setReadTimeout(httpTimeout);
    OllamaApi api =
        OllamaApi.builder()
            .baseUrl(settings.baseUrl())
            .restClientBuilder(RestClient.builder().requestFactory(requestFactory))
            .responseErrorHandler(new StatusErrorHandler())
            .build();
    OllamaChatOptions.Builder options =
        OllamaChatOptions.builder().model(settings.model()).temperature(temperature);
    if (settings.maxTokens() != null) {
      options.numPredict(settings.maxTokens());
    }
    if (json) {
      options.format("json");
    }
    return OllamaChatModel.builder()
        .ollamaApi(api)
        .options(options.build())
        .retryTemplate(new RetryTemplate(RetryPolicy.withMaxRetries(0)))
        .observationRegistry(observations)
        .build();
  }

  /** Turns an HTTP error into {@link ServerHttpError}, keeping the status and Retry-After. */
  private static final class StatusErrorHandler implements ResponseErrorHandler {
    @Override
    public boolean hasError(ClientHttpResponse response) throws java.io.IOException {
      return response.getStatusCode().isError();
    }

    @Override
    public void handleError(
        java.net.URI url, org.springframework.http.HttpMethod method, ClientHttpResponse response)
        throws java.io.IOException {
      byte[] body = response.getBody().readNBytes(MAX_ERROR_BODY_BYTES);
      throw new ServerHttpError(
          response.getStatusCode().value(),
          response.getHeaders().getFirst("Retry-After"),
          new String(body, StandardCharsets.UTF_8));
    }
  }
}
