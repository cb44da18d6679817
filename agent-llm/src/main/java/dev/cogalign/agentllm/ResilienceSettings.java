package dev.cogalign.agentllm;

import java.time.Duration;

/**
 * Resilience4j settings of one model endpoint; a null value takes its {@code DEFAULT_*}.
 *
 * @param maxAttempts attempts per model call, the first included (retries on 429, 5xx, timeouts)
 * @param initialBackoff wait before the first retry
 * @param backoffMultiplier factor between successive waits
 * @param maxBackoff longest wait, also the cap on a server's {@code Retry-After}
 * @param timeout time limit of one attempt
 * @param failureRateThreshold percentage of model calls failed after every retry that opens the
 *     circuit breaker
 * @param slidingWindowSize model calls (each with its retries) the circuit breaker looks back on
 * @param minimumCalls model calls recorded before the failure rate counts
 * @param openStateWait how long an open circuit refuses calls before letting a probe through
 * @param rateLimit calls allowed per rate-limit period
 * @param rateLimitPeriod the rate limiter's refresh period
 * @param rateLimitWait longest wait for a rate-limiter permit before the call is refused
 */
public record ResilienceSettings(
    Integer maxAttempts,
    Duration initialBackoff,
    Double backoffMultiplier,
    Duration maxBackoff,
    Duration timeout,
    Float failureRateThreshold,
    Integer slidingWindowSize,
    Integer minimumCalls,
    Duration openStateWait,
    Integer rateLimit,
    Duration rateLimitPeriod,
    Duration rateLimitWait) {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;
  public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
  public static final int DEFAULT_MINIMUM_CALLS = 10;
  public static final Duration DEFAULT_OPEN_STATE_WAIT = Duration.ofSeconds(30);
  public static final int DEFAULT_RATE_LIMIT = 50;
  public static final Duration DEFAULT_RATE_LIMIT_PERIOD = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(30);

  /** All defaults. */
  public static final ResilienceSettings DEFAULTS =
      new ResilienceSettings(
          null, null, null, null, null, null, null, null, null, null, null, null);

  public ResilienceSettings {
    maxAttempts = positive("maxAttempts", maxAttempts, DEFAULT_MAX_ATTEMPTS);
    initialBackoff = nonNegative("initialBackoff", initialBackoff, DEFAULT_INITIAL_BACKOFF);
    backoffMultiplier = backoffMultiplier == null ? DEFAULT_BACKOFF_MULTIPLIER : backoffMultiplier;
    if (backoffMultiplier < 1.0) {
      throw new IllegalArgumentException(
          "backoffMultiplier " + backoffMultiplier + " is below 1.0");
    }
    maxBackoff = nonNegative("maxBackoff", maxBackoff, DEFAULT_MAX_BACKOFF);
    timeout = positive("timeout", timeout, DEFAULT_TIMEOUT);
    failureRateThreshold =
        failureRateThreshold == null ? DEFAULT_FAILURE_RATE_THRESHOLD : failureRateThreshold;
    if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
      throw new IllegalArgumentException(
          "failureRateThreshold " + failureRateThreshold + " is not in (0, 100]");
    }
    slidingWindowSize =
        positive("slidingWindowSize", slidingWindowSize, DEFAULT_SLIDING_WINDOW_SIZE);
    minimumCalls = positive("minimumCalls", minimumCalls, DEFAULT_MINIMUM_CALLS);
    openStateWait = positive("openStateWait", openStateWait, DEFAULT_OPEN_STATE_WAIT);
    rateLimit = positive("rateLimit", rateLimit, DEFAULT_RATE_LIMIT);
    rateLimitPeriod = positive("rateLimitPeriod", rateLimitPeriod, DEFAULT_RATE_LIMIT_PERIOD);
    rateLimitWait = nonNegative("rateLimitWait", rateLimitWait, DEFAULT_RATE_LIMIT_WAIT);
  }

  private static int positive(String name, Integer value, int fallback) {
    int v = value == null ? fallback : value;
    if (v < 1) {
      throw new IllegalArgumentException(name + " " + v + " is below 1");
    }
    return v;
  }

  private static Duration positive(String name, Duration value, Duration fallback) {
    Duration v = value == null ? fallback : value;
    if (v.isZero() || v.isNegative()) {
      throw new IllegalArgumentException(name + " " + v + " is not positive");
    }
    return v;
  }

  private static Duration nonNegative(String name, Duration value, Duration fallback) {
    Duration v = value == null ? fallback : value;
    if (v.isNegative()) {
      throw new IllegalArgumentException(name + " " + v + " is negative");
    }
    return v;
  }
}
