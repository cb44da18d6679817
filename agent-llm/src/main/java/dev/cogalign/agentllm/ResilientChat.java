package dev.cogalign.agentllm;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Calls one model endpoint through Resilience4j: a circuit breaker (outermost) around retry
 * (exponential backoff honouring {@code Retry-After}) around a rate limiter and a time limiter per
 * attempt. Only transient failures (408, 429, 5xx, I/O, time-outs) are retried and counted by the
 * breaker, which counts model calls, each after its retries: it opens when retries no longer save
 * the calls, not when a flaky endpoint fails attempts that retries still save (one failing 30% of
 * its attempts opened a breaker counting attempts within a run; docs/reliability.md).
 */
public final class ResilientChat implements AutoCloseable {
  /** Calls let through by a half-open circuit breaker to probe the endpoint. */
  public static final int HALF_OPEN_PROBES = 1;

  /** Where Spring AI 2.0 puts {@code reasoning_content} (OpenAI) and {@code thinking} (Ollama). */
  private static final String[] REASONING_KEYS = {"reasoningContent", "thinking"};

  private static final Pattern LEADING_THINK =
      Pattern.compile("^\\s*<think>(.*?)</think>\\s*", Pattern.DOTALL);
  private static final Logger log = LoggerFactory.getLogger(ResilientChat.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ChatClient client;
  private final String endpoint;
  private final String configuredModel;
  private final int maxAttempts;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final RateLimiter rateLimiter;
  private final TimeLimiter timeLimiter;
  private final ExecutorService executor;

  public ResilientChat(ChatModel model, LlmAgentSettings settings, Clock clock) {
    this(model, settings, clock, ObservationRegistry.NOOP);
  }

  /** Observes every call on the registry (Spring AI's chat-client and chat-model observations). */
  public ResilientChat(
      ChatModel model, LlmAgentSettings settings, Clock clock, ObservationRegistry observations) {
    this.client = ChatClient.create(model, observations);
    this.endpoint = settings.endpointName();
    this.configuredModel = settings.model();
    ResilienceSettings r = settings.resilience();
    this.maxAttempts = r.maxAttempts();
    Backoff backoff = new Backoff(r, clock);
    this.retry =
        Retry.of(
            endpoint,
            RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .retryOnException(LlmFailures::transientFailure)
                .intervalBiFunction(
                    (attempt, outcome) ->
                        backoff
                            .waitBefore(attempt, outcome.isLeft() ? outcome.getLeft() : null)
                            .toMillis())
                .build());
    this.retry
        .getEventPublisher()
        .onRetry(
            e ->
                log.warn(
                    "model call to {} failed (attempt {}), retrying in {}: {}",
                    endpoint,
                    e.getNumberOfRetryAttempts(),
                    e.getWaitInterval(),
                    LlmFailures.describe(e.getLastThrowable())));
    this.circuitBreaker =
        CircuitBreaker.of(
            endpoint,
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(r.slidingWindowSize())
                .minimumNumberOfCalls(r.minimumCalls())
                .failureRateThreshold(r.failureRateThreshold())
                .waitDurationInOpenState(r.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(HALF_OPEN_PROBES)
                .recordException(LlmFailures::transientFailure)
                .build());
    this.rateLimiter =
        RateLimiter.of(
            endpoint,
            RateLimiterConfig.custom()
                .limitForPeriod(r.rateLimit())
                .limitRefreshPeriod(r.rateLimitPeriod())
                .timeoutDuration(r.rateLimitWait())
                .build());
    this.timeLimiter =
        TimeLimiter.of(
            endpoint,
            TimeLimiterConfig.custom()
                .timeoutDuration(r.timeout())
                .cancelRunningFuture(true)
                .build());
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread t = new Thread(task, "llm-call-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Builds the chat model for the settings and wraps it. */
  public static ResilientChat create(
      LlmAgentSettings settings, double temperature, boolean json, Clock clock) {
    return create(settings, temperature, json, clock, ObservationRegistry.NOOP);
  }

  /** Builds the observed chat model for the settings and wraps it. */
  public static ResilientChat create(
      LlmAgentSettings settings,
      double temperature,
      boolean json,
      Clock clock,
      ObservationRegistry observations) {
    return new ResilientChat(
        ChatModels.create(settings, temperature, json, observations),
        settings,
        clock,
        observations);
  }

  /**
   * One model answer to a system and a user message.
   *
   * @throws LlmUnavailableException the circuit breaker is open or no rate-limiter permit came
   * @throws LlmTimeoutException the last attempt ran past the time limit
   * @throws LlmCallException the server failed the last attempt
   */
  public ChatReply call(String system, String user) {
    AtomicInteger attempts = new AtomicInteger();
    try {
      return circuitBreaker.executeCallable(
          () ->
              retry.executeCallable(
                  () ->
                      rateLimiter.executeCallable(
                          () -> {
                            attempts.incrementAndGet();
                            return timeLimiter.executeFutureSupplier(
                                () -> executor.submit(() -> once(system, user)));
                          })));
    } catch (CallNotPermittedException e) {
      throw new LlmUnavailableException(
          endpoint,
          "circuit breaker of " + endpoint + " is open after repeated failures; try again later",
          e);
    } catch (RequestNotPermitted e) {
      throw new LlmUnavailableException(
          endpoint, "rate limit of " + endpoint + " reached; no permit came in time", e);
    } catch (Exception e) {
      String tries = attempts.get() + (attempts.get() == 1 ? " attempt" : " attempts");
      if (LlmFailures.timeout(e)) {
        throw new LlmTimeoutException(
            endpoint, "model call to " + endpoint + " timed out (" + tries + ")", e);
      }
      throw new LlmCallException(
          endpoint,
          LlmFailures.status(e).orElse(null),
          "model call to " + endpoint + " failed after " + tries + ": " + LlmFailures.describe(e),
          e);
    }
  }

  /** The circuit breaker's state: CLOSED, OPEN, HALF_OPEN. */
  public CircuitBreaker.State circuitState() {
    return circuitBreaker.getState();
  }

  /** The endpoint's name, {@link LlmAgentSettings#endpointName()}. */
  public String endpoint() {
    return endpoint;
  }

  /** The most attempts one call makes. */
  public int maxAttempts() {
    return maxAttempts;
  }

  private ChatReply once(String system, String user) {
    ChatResponse response = client.prompt().system(system).user(user).call().chatResponse();
    if (response == null || response.getResult() == null) {
      throw new IllegalStateException("the server's answer has no choices");
    }
    Generation generation = response.getResult();
    String text = generation.getOutput().getText();
    text = text == null ? "" : text;
    String reasoning = reasoning(generation.getOutput().getMetadata());
    Matcher think = LEADING_THINK.matcher(text);
    if (think.find()) {
      if (reasoning == null) {
        reasoning = think.group(1).strip();
      }
      text = text.substring(think.end());
    }
    String model = response.getMetadata().getModel();
    Usage usage = response.getMetadata().getUsage();
    boolean reported = usage != null && !(usage instanceof EmptyUsage);
    return new ChatReply(
        text.strip(),
        model == null || model.isBlank() ? configuredModel : model,
        reported ? usage.getPromptTokens() : null,
        reported ? usage.getCompletionTokens() : null,
        reasoning);
  }

  private static String reasoning(Map<String, Object> metadata) {
    for (String key : REASONING_KEYS) {
      Object value = metadata.get(key);
      if (value instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
