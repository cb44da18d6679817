package dev.cogalign.pipeline.problem;

import dev.cogalign.pipeline.config.BatchInserts;
import dev.cogalign.pipeline.error.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Repository;

/**
 * Problems in {@code crv.problem} through Spring Data JPA ({@link ProblemRows}), as the services
 * see them: records, not entities. Rows are never updated.
 */
@Repository
public class ProblemRepository {
  /** The advisory-lock class of problem uploads ("CRVU"), apart from runs' leases ("CRVR"). */
  static final int UPLOAD_LOCK_CLASS = 0x43525655;

  private final ProblemRows rows;
  private final BatchInserts inserts;
  private final Clock clock;

  ProblemRepository(ProblemRows rows, BatchInserts inserts, Clock clock) {
    this.rows = rows;
    this.inserts = inserts;
    this.clock = clock;
  }

  /**
   * Inserts the rows whose external id is not yet in the dataset, in the caller's transaction; the
   * ids of those created, by external id, in the order of the rows (a row repeated in one upload is
   * created once, from its first occurrence). The dataset's uploads are serialised until the
   * transaction ends, so a concurrent upload of the same ids finds them existing instead of failing
   * on the unique key. Statements: the lock, one lookup, and the inserts in JDBC batches with one
   * call of the id sequence per {@link ProblemEntity#ID_BLOCK} rows.
   */
  Map<String, Long> insertIfAbsent(long datasetId, List<ParsedRow> rows) {
    this.rows.lockUploads(UPLOAD_LOCK_CLASS, Long.hashCode(datasetId));
    Set<String> seen = existing(datasetId, rows);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<ProblemEntity> created = new ArrayList<>();
    for (ParsedRow row : rows) {
      if (seen.add(row.externalId())) {
        created.add(new ProblemEntity(datasetId, row.externalId(), row.input(), now));
      }
    }
    inserts.insertAll(created);
    Map<String, Long> ids = new LinkedHashMap<>();
    for (ProblemEntity problem : created) {
      ids.put(problem.externalId(), problem.id());
    }
    return ids;
  }

  private Set<String> existing(long datasetId, List<ParsedRow> rows) {
    String[] externalIds =
        rows.stream().map(ParsedRow::externalId).distinct().toArray(String[]::new);
    return new HashSet<>(this.rows.findExisting(datasetId, externalIds));
  }

  /** The problem, or {@link NotFoundException}; one statement, no entity. */
  public Problem get(long id) {
    return rows.findProblem(id).orElseThrow(() -> new NotFoundException("problem", id));
  }

  /** The problems with these ids that exist, by id; one statement. */
  public Map<Long, Problem> getAll(Collection<Long> ids) {
    Map<Long, Problem> found = new HashMap<>();
    for (Problem problem : rows.findProblems(ids)) {
      found.put(problem.id(), problem);
    }
    return found;
  }

  /**
   * Up to {@code limit} problems with ids above {@code afterId}, by id, and whether more follow;
   * filters may be null. One statement.
   */
  Window<Problem> page(Long datasetId, String domain, long afterId, int limit) {
    ScrollPosition position =
        afterId <= 0 ? ScrollPosition.keyset() : ScrollPosition.forward(Map.of("id", afterId));
    Limit max = Limit.of(limit);
    Window<ProblemEntity> page =
        datasetId == null
            ? domain == null
                ? rows.findByOrderById(position, max)
                : rows.findByDomainOrderById(domain, position, max)
            : domain == null
                ? rows.findByDatasetIdOrderById(datasetId, position, max)
                : rows.findByDatasetIdAndDomainOrderById(datasetId, domain, position, max);
    return page.map(ProblemEntity::toProblem);
  }
}
