package dev.cogalign.agentllm;

import java.time.Duration;

/** Test {@link ResilienceSettings} that set the retry and time-limit values; the rest default. */
final class RetrySettings {
  private RetrySettings() {}

  static ResilienceSettings of(
      int maxAttempts,
      Duration initialBackoff,
      double backoffMultiplier,
      Duration maxBackoff,
      Duration timeout) {
    return new ResilienceSettings(
        maxAttempts,
        initialBackoff,
        backoffMultiplier,
        maxBackoff,
        timeout,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
