package dev.cogalign.crv.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What the small student model can follow in one step of a calculator-annotated CoT.
 *
 * @param maxOperationsPerStep arithmetic operations the student can do in one step
 * @param maxOperandDigits digits of the largest operand the student handles in one step
 * @param minSteps fewer steps than this means the CoT is too terse for the student
 * @param maxSteps more steps than this means the CoT is too long for the student
 */
public record StudentProfile(
    @Min(1) @Max(20) int maxOperationsPerStep,
    @Min(1) @Max(30) int maxOperandDigits,
    @Min(1) @Max(100) int minSteps,
    @Min(1) @Max(200) int maxSteps) {

  public static final int DEFAULT_MAX_OPERATIONS_PER_STEP = 1;
  public static final int DEFAULT_MAX_OPERAND_DIGITS = 4;
  public static final int DEFAULT_MIN_STEPS = 2;
  public static final int DEFAULT_MAX_STEPS = 8;

  /** A student of about 0.5B parameters: one operation per step, small operands, 2 to 8 steps. */
  public static final StudentProfile DEFAULT =
      new StudentProfile(
          DEFAULT_MAX_OPERATIONS_PER_STEP,
          DEFAULT_MAX_OPERAND_DIGITS,
          DEFAULT_MIN_STEPS,
          DEFAULT_MAX_STEPS);

  public StudentProfile {
    if (minSteps > maxSteps) {
      throw new IllegalArgumentException(
          "minSteps " + minSteps + " is greater than maxSteps " + maxSteps);
    }
  }
}
