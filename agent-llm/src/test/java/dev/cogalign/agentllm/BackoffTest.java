package dev.cogalign.agentllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.Headers;
import com.openai.errors.RateLimitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);
  private static final ResilienceSettings SETTINGS =
      RetrySettings.of(5, Duration.ofMillis(100), 3.0, Duration.ofSeconds(2), null);

  private final Backoff backoff = new Backoff(SETTINGS, CLOCK);

  @Test
  void growsExponentiallyUpToTheCap() {
    assertThat(backoff.waitBefore(1, null)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.waitBefore(2, null)).isEqualTo(Duration.ofMillis(300));
    assertThat(backoff.waitBefore(3, null)).isEqualTo(Duration.ofMillis(900));
    assertThat(backoff.waitBefore(4, null)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void waitsAtLeastTheServersRetryAfterSecondsButNotPastTheCap() {
    assertThat(backoff.waitBefore(1, new ServerHttpError(429, "1", "")))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.waitBefore(1, new ServerHttpError(429, "30", "")))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void readsRetryAfterAsAnHttpDate() {
    assertThat(backoff.waitBefore(1, new ServerHttpError(503, "Thu, 26 Nov 2026 06:00:01 GMT", "")))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(LlmFailures.parseRetryAfter("Thu, 26 Nov 2026 05:59:00 GMT", CLOCK.instant()))
        .contains(Duration.ZERO);
    assertThat(LlmFailures.parseRetryAfter("soon", CLOCK.instant())).isEmpty();
  }

  @Test
  void readsRetryAfterFromTheOpenAiSdksRateLimitException() {
    RateLimitException e =
        RateLimitException.builder()
            .headers(Headers.builder().put("Retry-After", "1").build())
            .build();

    assertThat(backoff.waitBefore(1, new RuntimeException(e))).isEqualTo(Duration.ofSeconds(1));
    assertThat(LlmFailures.transientFailure(e)).isTrue();
    assertThat(LlmFailures.status(e)).contains(429);
  }

  @Test
  void treatsClientErrorsOtherThan408And429AsFinal() {
    assertThat(LlmFailures.transientFailure(new ServerHttpError(400, null, ""))).isFalse();
    assertThat(LlmFailures.transientFailure(new ServerHttpError(401, null, ""))).isFalse();
    assertThat(LlmFailures.transientFailure(new ServerHttpError(408, null, ""))).isTrue();
    assertThat(LlmFailures.transientFailure(new ServerHttpError(502, null, ""))).isTrue();
    assertThat(LlmFailures.transientFailure(new java.util.concurrent.TimeoutException())).isTrue();
  }
}
