package dev.cogalign.pipeline.student;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The student critic ({@code cogalign.student.*}): where trainer-service scores CoTs with the
 * student, and how many of a run's teacher CoTs calibrate its thresholds.
 */
@ConfigurationProperties("cogalign.student")
public record StudentCriticProperties(String trainerUrl, int calibrationSize) {
  public static final String DEFAULT_TRAINER_URL = "http://localhost:8085";

  /**
   * 64 CoTs give about 250 scored steps on GSM8K: enough for the 95th and 10th percentiles of the
   * per-step NLL to move little between samples, and a few seconds of scoring for a small student.
   */
  public static final int DEFAULT_CALIBRATION_SIZE = 64;

  public StudentCriticProperties {
    trainerUrl = trainerUrl == null || trainerUrl.isBlank() ? DEFAULT_TRAINER_URL : trainerUrl;
    calibrationSize = calibrationSize <= 0 ? DEFAULT_CALIBRATION_SIZE : calibrationSize;
  }
}
