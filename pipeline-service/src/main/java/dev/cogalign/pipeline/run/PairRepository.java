package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.MiniTask;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Preference pairs; one per (run, mini-task, chosen, rejected), so a resumed run adds none twice.
 */
@Repository
class PairRepository {
  private final JdbcClient jdbc;
  private final Clock clock;

  PairRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void add(long runId, long problemId, MiniTask task, long chosen, long rejected, double beta) {
    jdbc.sql(
            "insert into crv.preference_pair (run_id, problem_id, chosen_revision_id,"
                + " rejected_revision_id, mini_task, beta, created_at)"
                + " values (:runId, :problemId, :chosen, :rejected, :task, :beta, :now)"
                + " on conflict on constraint preference_pair_unique do nothing")
        .param("runId", runId)
        .param("problemId", problemId)
        .param("chosen", chosen)
        .param("rejected", rejected)
        .param("task", task.name())
        .param("beta", beta)
        .param("now", OffsetDateTime.now(clock))
        .update();
  }
}
