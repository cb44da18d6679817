package dev.cogalign.pipeline.problem;

import dev.cogalign.pipeline.revision.RevisionRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.data.domain.Window;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Problems: keyset-paginated listing and one problem with its whole CoT history. */
@RestController
@RequestMapping("/api/v1/problems")
class ProblemController {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final ProblemRepository problems;
  private final RevisionRepository revisions;

  ProblemController(ProblemRepository problems, RevisionRepository revisions) {
    this.problems = problems;
    this.revisions = revisions;
  }

  @GetMapping
  ProblemPage list(
      @RequestParam(required = false) Long datasetId,
      @RequestParam(required = false) String domain,
      @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
      @RequestParam(required = false) String cursor) {
    Window<Problem> page = problems.page(datasetId, domain, Cursor.decode(cursor), limit);
    List<Problem> items = page.getContent();
    return new ProblemPage(
        items, page.hasNext() ? Cursor.encode(items.get(items.size() - 1).id()) : null);
  }

  @GetMapping("/{id}")
  ProblemHistory get(@PathVariable long id) {
    return new ProblemHistory(problems.get(id), revisions.historyOf(id));
  }
}
