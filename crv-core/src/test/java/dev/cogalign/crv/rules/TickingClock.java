package dev.cogalign.crv.rules;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves forward by a fixed step every time it is read. */
final class TickingClock extends Clock {
  private final long stepMillis;
  private long now = 1_700_000_000_000L;

  TickingClock(long stepMillis) {
    this.stepMillis = stepMillis;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    Instant t = Instant.ofEpochMilli(now);
    now += stepMillis;
    return t;
  }
}
