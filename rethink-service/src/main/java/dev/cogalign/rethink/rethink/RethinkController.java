package dev.cogalign.rethink.rethink;

import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.Rethinker;
import dev.cogalign.crv.agent.Verdict;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/rethinks}: extends an EASY CoT or simplifies a HARD one. */
@RestController
@RequestMapping("/api/v1/rethinks")
class RethinkController {
  private final Rethinker rethinker;

  RethinkController(Rethinker rethinker) {
    this.rethinker = rethinker;
  }

  @PostMapping
  RethinkResponse rethink(@Valid @RequestBody RethinkRequest request) {
    if (request.verdict() == Verdict.MEDIUM) {
      throw new NothingToRethinkException(request.verdict());
    }
    return rethinker.rethink(request);
  }
}
