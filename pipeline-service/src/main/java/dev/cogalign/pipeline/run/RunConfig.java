package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.MiniTask;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.pipeline.student.StudentCriticConfig;
import java.util.EnumMap;
import java.util.Map;

/**
 * A run's settings with every default filled in; stored with the run as jsonb.
 *
 * @param maxRethinkAttempts rewrites tried for an EASY or HARD CoT before it is recorded as failed
 * @param betas the CogPO beta of each mini-task's pairs
 * @param concurrency problems of this run processed at the same time
 * @param perturb whether each verified CoT also gets a PERTURBED variant (crv-core's {@code
 *     CotPerturber}) as the rejected side of a CORRECT pair
 * @param studentCritic the student model and its calibrated thresholds when the critic backend is
 *     {@code student}; null otherwise
 */
public record RunConfig(
    Backends backends,
    StudentProfile profile,
    int maxRethinkAttempts,
    Map<MiniTask, Double> betas,
    int concurrency,
    Boolean perturb,
    StudentCriticConfig studentCritic) {
  public static final int DEFAULT_MAX_RETHINK_ATTEMPTS = 3;
  public static final int MAX_RETHINK_ATTEMPTS = 10;

  /**
   * As many problems as the default pool has workers ({@link RunProperties#DEFAULT_WORKERS}): on 2
   * cores a run over the rules agents is CPU-bound from there on (docs/benchmarks.md), and each
   * worker holds at most one pooled connection at a time.
   */
  public static final int DEFAULT_CONCURRENCY = RunProperties.DEFAULT_WORKERS;

  public static final int MAX_CONCURRENCY = 64;
  public static final boolean DEFAULT_PERTURB = true;

  /**
   * Provisional betas per mini-task, until the CogPO ablation replaces them: DPO's customary 0.1
   * for ALIGN, half of it for the subtler CALIBRATE pairs (same answer, only the fit differs),
   * twice it for CORRECT pairs (right against wrong), whose margin should be held closer to the
   * reference.
   */
  public static final Map<MiniTask, Double> DEFAULT_BETAS =
      Map.of(MiniTask.ALIGN, 0.1, MiniTask.CALIBRATE, 0.05, MiniTask.CORRECT, 0.2);

  public RunConfig {
    backends = backends == null ? Backends.DEFAULT : backends;
    profile = profile == null ? StudentProfile.DEFAULT : profile;
    maxRethinkAttempts =
        maxRethinkAttempts <= 0 ? DEFAULT_MAX_RETHINK_ATTEMPTS : maxRethinkAttempts;
    Map<MiniTask, Double> filled = new EnumMap<>(DEFAULT_BETAS);
    if (betas != null) {
      filled.putAll(betas);
    }
    betas = Map.copyOf(filled);
    concurrency = concurrency <= 0 ? DEFAULT_CONCURRENCY : concurrency;
    perturb = perturb == null ? DEFAULT_PERTURB : perturb;
  }

  static RunConfig of(RunRequest request) {
    return new RunConfig(
        request.backends(),
        request.profile(),
        request.maxRethinkAttempts() == null ? 0 : request.maxRethinkAttempts(),
        request.betas(),
        request.concurrency() == null ? 0 : request.concurrency(),
        request.perturb(),
        request.studentModelId() == null ? null : StudentCriticConfig.of(request.studentModelId()));
  }

  /** This configuration with the student critic calibrated. */
  RunConfig withStudentCritic(StudentCriticConfig calibrated) {
    return new RunConfig(
        backends, profile, maxRethinkAttempts, betas, concurrency, perturb, calibrated);
  }

  double beta(MiniTask task) {
    return betas.get(task);
  }
}
