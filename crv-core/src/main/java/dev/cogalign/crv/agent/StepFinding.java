package dev.cogalign.crv.agent;

/**
 * What an agent found about one step of a CoT.
 *
 * @param step the 1-based step number, 0 for the CoT as a whole
 * @param ok whether the step holds (verifier) or fits the student (critic)
 * @param message what was found, naming the values involved
 */
public record StepFinding(int step, boolean ok, String message) {}
