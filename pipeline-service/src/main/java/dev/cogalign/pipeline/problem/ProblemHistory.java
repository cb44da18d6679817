package dev.cogalign.pipeline.problem;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cogalign.pipeline.revision.Revision;
import java.util.List;

/** {@code GET /api/v1/problems/{id}}: the problem with every revision of its CoT, oldest first. */
public record ProblemHistory(@JsonUnwrapped Problem problem, List<Revision> revisions) {

  public ProblemHistory {
    revisions = List.copyOf(revisions);
  }
}
