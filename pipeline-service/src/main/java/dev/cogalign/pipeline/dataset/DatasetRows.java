package dev.cogalign.pipeline.dataset;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Spring Data's view of {@code crv.dataset}; {@link DatasetRepository} is what services call. */
interface DatasetRows extends Repository<DatasetEntity, Long> {

  @Transactional
  DatasetEntity save(DatasetEntity dataset);

  Optional<DatasetEntity> findById(Long id);

  List<DatasetEntity> findByOrderById();
}
