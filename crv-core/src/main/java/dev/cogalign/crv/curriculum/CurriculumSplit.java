package dev.cogalign.crv.curriculum;

import java.util.List;

/** Training problems and held-out problems, no question text in both. */
public record CurriculumSplit(List<CurriculumProblem> train, List<CurriculumProblem> heldOut) {
  public CurriculumSplit {
    train = List.copyOf(train);
    heldOut = List.copyOf(heldOut);
  }
}
