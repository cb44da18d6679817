package dev.cogalign.crv.agent;

/** Size limits of agent requests, enforced by validation on every agent endpoint. */
public final class AgentLimits {
  public static final int MAX_QUESTION_CHARS = 20_000;
  public static final int MAX_COT_CHARS = 100_000;
  public static final int MAX_ANSWER_CHARS = 2_000;

  private AgentLimits() {}
}
