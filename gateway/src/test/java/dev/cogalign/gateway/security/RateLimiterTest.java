package dev.cogalign.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.gateway.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final TestClock clock = new TestClock();
  private final RateLimiter limiter = new RateLimiter(clock);

  @Test
  void allowsABurstOfTheRateThenAsksToWait() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("key:1", 3)).as("request %d", i).isEmpty();
    }
    assertThat(limiter.acquire("key:1", 3)).hasValue(1);
  }

  @Test
  void refillsAtTheRateAndKeepsCallersApart() {
    assertThat(limiter.acquire("key:1", 2)).isEmpty();
    assertThat(limiter.acquire("key:1", 2)).isEmpty();
    assertThat(limiter.acquire("key:1", 2)).isPresent();
    assertThat(limiter.acquire("key:2", 2)).isEmpty();

    clock.advance(Duration.ofMillis(500));

    assertThat(limiter.acquire("key:1", 2)).isEmpty();
    assertThat(limiter.acquire("key:1", 2)).isPresent();
  }
}
