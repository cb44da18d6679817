package dev.cogalign.crv.rules;

import dev.cogalign.crv.agent.AgentCall;
import java.time.Clock;
import java.time.Instant;

/** What the three rules agents share: their name, version and latency measurement. */
final class RulesAgents {
  /** The backend name recorded in every {@link AgentCall}. */
  static final String BACKEND = "rules";

  /** The rule set's name and version, recorded as the model. */
  static final String MODEL = "rules-v1";

  private RulesAgents() {}

  static AgentCall call(String agent, Clock clock, Instant started) {
    long millis = Math.max(0, clock.millis() - started.toEpochMilli());
    return new AgentCall(agent, BACKEND, MODEL, millis, null, null, null);
  }
}
