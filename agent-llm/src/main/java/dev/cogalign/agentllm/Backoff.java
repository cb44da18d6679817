package dev.cogalign.agentllm;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The wait before a retry: exponential from {@code initialBackoff}, at least the server's {@code
 * Retry-After}, never more than {@code maxBackoff}.
 */
final class Backoff {
  private final ResilienceSettings settings;
  private final Clock clock;

  Backoff(ResilienceSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** The wait before retry number {@code attempt} (1 = the first retry) after {@code failure}. */
  Duration waitBefore(int attempt, Throwable failure) {
    double factor = Math.pow(settings.backoffMultiplier(), Math.max(0, attempt - 1));
    double millis = settings.initialBackoff().toMillis() * factor;
    long cap = settings.maxBackoff().toMillis();
    long wait = (long) Math.min(millis, cap);
    Optional<Duration> retryAfter =
        failure == null
            ? Optional.empty()
            : LlmFailures.retryAfterHeader(failure)
                .flatMap(v -> LlmFailures.parseRetryAfter(v, clock.instant()));
    if (retryAfter.isPresent()) {
      wait = Math.min(Math.max(wait, retryAfter.get().toMillis()), cap);
    }
    return Duration.ofMillis(wait);
  }
}
