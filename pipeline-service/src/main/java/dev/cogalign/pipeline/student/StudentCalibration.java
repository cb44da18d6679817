package dev.cogalign.pipeline.student;

import dev.cogalign.crv.answer.AnswerEquivalence;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Calibrates a run's student critic on the student itself: the student scores a sample of the run's
 * teacher CoTs whose final answer is the gold answer (verified teacher CoTs), spread evenly over
 * the run's problems in id order, at most {@code cogalign.student.calibration-size}; the {@link
 * StudentThresholds} are the quantiles of those scores.
 */
@Component
public class StudentCalibration {
  private static final Logger log = LoggerFactory.getLogger(StudentCalibration.class);

  private final JdbcClient jdbc;
  private final TrainerScores scores;
  private final StudentCriticProperties properties;
  private final Clock clock;

  StudentCalibration(
      JdbcClient jdbc, TrainerScores scores, StudentCriticProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.scores = scores;
    this.properties = properties;
    this.clock = clock;
  }

  /** One teacher CoT of the run with its question. */
  record Sampled(long problemId, String question, String cot) {}

  /** The calibrated student critic of a run; fails when the run has no verified teacher CoT. */
  public StudentCriticConfig calibrate(long runId, long modelId) {
    List<Sampled> sample = sample(runId, properties.calibrationSize());
    if (sample.isEmpty()) {
      throw new IllegalStateException(
          "run "
              + runId
              + " has no teacher CoT whose answer is the gold answer to calibrate the student"
              + " critic on");
    }
    List<CotScore> scored = new ArrayList<>();
    for (Sampled s : sample) {
      scored.add(scores.score(modelId, s.question(), s.cot()));
    }
    StudentThresholds thresholds = StudentThresholds.calibrate(scored);
    int steps = scored.stream().mapToInt(s -> s.steps().size()).sum();
    log.info(
        "run {}: student critic on model {} calibrated on {} CoTs ({} steps): {}",
        runId,
        modelId,
        scored.size(),
        steps,
        thresholds);
    return new StudentCriticConfig(modelId, thresholds, scored.size(), steps, clock.instant());
  }

  /** Up to {@code size} verified teacher CoTs of the run's problems, evenly spread by id. */
  List<Sampled> sample(long runId, int size) {
    List<Sampled> verified = new ArrayList<>();
    jdbc.sql(
            "select p.id, p.question, p.gold_answer, t.text, t.final_answer"
                + " from crv.run_problem rp join crv.problem p on p.id = rp.problem_id"
                + " join lateral (select r.text, r.final_answer from crv.cot_revision r"
                + " where r.problem_id = p.id and r.origin = 'TEACHER' and r.run_id is null"
                + " order by r.id limit 1) t on true"
                + " where rp.run_id = :runId order by p.id")
        .param("runId", runId)
        .query(
            rs -> {
              String answer = rs.getString("final_answer");
              if (answer != null && AnswerEquivalence.equivalent(answer, rs.getString(3))) {
                verified.add(
                    new Sampled(rs.getLong("id"), rs.getString("question"), rs.getString("text")));
              }
            });
    if (verified.size() <= size) {
      return verified;
    }
    List<Sampled> spread = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      spread.add(verified.get((int) ((long) i * verified.size() / size)));
    }
    return spread;
  }
}
