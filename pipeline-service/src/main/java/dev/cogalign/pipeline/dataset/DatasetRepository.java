package dev.cogalign.pipeline.dataset;

import dev.cogalign.pipeline.error.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * Datasets in {@code crv.dataset} through Spring Data JPA ({@link DatasetRows}), as the services
 * see them: records, not entities. Each call is one statement.
 */
@Repository
public class DatasetRepository {
  private final DatasetRows rows;
  private final Clock clock;

  DatasetRepository(DatasetRows rows, Clock clock) {
    this.rows = rows;
    this.clock = clock;
  }

  public Dataset create(String name) {
    // microseconds, as PostgreSQL stores it: the dataset returned is the one read back later
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return rows.save(new DatasetEntity(name, now)).toDataset();
  }

  public List<Dataset> findAll() {
    return rows.findByOrderById().stream().map(DatasetEntity::toDataset).toList();
  }

  /** The dataset, or {@link NotFoundException}. */
  public Dataset get(long id) {
    return rows.findById(id)
        .map(DatasetEntity::toDataset)
        .orElseThrow(() -> new NotFoundException("dataset", id));
  }
}
