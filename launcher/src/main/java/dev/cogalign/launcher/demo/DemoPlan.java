package dev.cogalign.launcher.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the demo does once the platform is up.
 *
 * @param problems how many GSM8K rows (the first ones) to upload and run CRV over
 * @param steps training steps of the SFT job and of the CogPO job
 * @param gsm8k the GSM8K JSONL file the rows come from
 * @param model the Hugging Face folder of the student registered as base model
 * @param out where the uploaded rows, the exports and the trained model are written
 * @param timeout how long the run and each job may take
 */
public record DemoPlan(
    int problems, int steps, Path gsm8k, Path model, Path out, Duration timeout) {

  public static final int DEFAULT_PROBLEMS = 50;
  public static final int DEFAULT_STEPS = 5;
  public static final int DEFAULT_BATCH_SIZE = 4;
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public DemoPlan {
    if (problems < 1) {
      throw new IllegalArgumentException("problems " + problems + " must be at least 1");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps " + steps + " must be at least 1");
    }
    Objects.requireNonNull(gsm8k, "gsm8k");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(timeout, "timeout");
  }
}
