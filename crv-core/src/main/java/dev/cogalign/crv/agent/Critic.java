package dev.cogalign.crv.agent;

/** Judges a CoT from the student's point of view. */
public interface Critic {
  CritiqueResponse critique(CritiqueRequest request);
}
