package dev.cogalign.gateway.security;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller, in this gateway's memory: {@code rate} requests per second sustained,
 * bursts up to {@code rate}. Several gateway replicas each allow the full rate.
 */
final class RateLimiter {

  private static final class Bucket {
    private double tokens;
    private long updatedNanos;

    Bucket(double tokens, long nowNanos) {
      this.tokens = tokens;
      this.updatedNanos = nowNanos;
    }
  }

  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Takes one request from {@code caller}'s bucket: empty when allowed, else the whole seconds to
   * wait before the next request will be (at least 1).
   */
  OptionalLong acquire(String caller, int rate) {
    long now = nanos();
    Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(rate, now));
    synchronized (bucket) {
      double elapsed = Math.max(0, now - bucket.updatedNanos) / 1e9;
      bucket.tokens = Math.min(rate, bucket.tokens + elapsed * rate);
      bucket.updatedNanos = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return OptionalLong.empty();
      }
      double wait = (1 - bucket.tokens) / rate;
      return OptionalLong.of(Math.max(1, (long) Math.ceil(wait)));
    }
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
