package dev.cogalign.crv.agent;

/**
 * Checks that a CoT is correct: final answer equals the gold answer, every checkable step holds.
 */
public interface Verifier {
  VerificationResponse verify(VerificationRequest request);
}
