package dev.cogalign.trainer.experiment;

import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Spring Data's view of {@code trainer.experiment}; {@link ExperimentRepository} is the API. */
interface ExperimentRows extends Repository<ExperimentEntity, Long> {

  @Transactional
  ExperimentEntity save(ExperimentEntity experiment);

  Optional<ExperimentEntity> findById(Long id);

  /** Newest first, keyset-paginated on the id. */
  Window<ExperimentEntity> findByOrderByIdDesc(ScrollPosition position, Limit limit);
}
