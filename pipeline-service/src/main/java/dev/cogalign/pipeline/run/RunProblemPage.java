package dev.cogalign.pipeline.run;

import java.util.List;

/** {@code GET /api/v1/runs/{id}/problems}; {@code nextCursor} is null on the last page. */
public record RunProblemPage(List<RunProblem> items, String nextCursor) {

  public RunProblemPage {
    items = List.copyOf(items);
  }
}
