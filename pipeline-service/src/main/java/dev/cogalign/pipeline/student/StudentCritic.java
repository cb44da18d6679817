package dev.cogalign.pipeline.student;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.Critic;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.CritiqueResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code student} critic backend: scores the CoT with the run's student model through
 * trainer-service (each step given the question and the steps before it) and judges it with the
 * {@link StudentVerdictRule} against the run's calibrated thresholds. The request's profile plays
 * no part. Its call names the student model's id as {@code model}.
 */
public final class StudentCritic implements Critic {
  /** The backend name a run gives as {@code backends.critic}. */
  public static final String BACKEND = "student";

  private final TrainerScores scores;
  private final long modelId;
  private final StudentThresholds thresholds;
  private final Clock clock;

  public StudentCritic(
      TrainerScores scores, long modelId, StudentThresholds thresholds, Clock clock) {
    this.scores = scores;
    this.modelId = modelId;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  @Override
  public CritiqueResponse critique(CritiqueRequest request) {
    Instant started = clock.instant();
    CotScore score = scores.score(modelId, request.question(), request.cot());
    StudentVerdictRule.Judgement judgement = StudentVerdictRule.judge(score, thresholds);
    long millis = Duration.between(started, clock.instant()).toMillis();
    return new CritiqueResponse(
        judgement.verdict(),
        judgement.reasons(),
        new AgentCall("critic", BACKEND, String.valueOf(modelId), millis, null, null, null));
  }
}
