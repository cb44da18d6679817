package dev.cogalign.pipeline.student;

import java.time.Instant;

/**
 * The student critic of a run ({@code config.studentCritic} in its view): the student model and,
 * once the run has started, the thresholds calibrated on it.
 *
 * @param modelId the student, a model registered with trainer-service
 * @param thresholds calibrated when the run starts; null before
 * @param calibrationSampleSize CoTs the student scored for the thresholds; null before
 * @param calibrationSteps their scored lines; null before
 * @param calibratedAt when; null before
 */
public record StudentCriticConfig(
    long modelId,
    StudentThresholds thresholds,
    Integer calibrationSampleSize,
    Integer calibrationSteps,
    Instant calibratedAt) {

  /** Not calibrated yet. */
  public static StudentCriticConfig of(long modelId) {
    return new StudentCriticConfig(modelId, null, null, null, null);
  }

  public boolean calibrated() {
    return thresholds != null;
  }
}
