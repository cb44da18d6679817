package dev.cogalign.pipeline.problem;

import java.util.List;

/** One page of problems; {@code nextCursor} is null on the last page. */
public record ProblemPage(List<Problem> items, String nextCursor) {

  public ProblemPage {
    items = List.copyOf(items);
  }
}
