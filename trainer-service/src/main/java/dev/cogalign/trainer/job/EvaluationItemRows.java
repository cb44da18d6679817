package dev.cogalign.trainer.job;

import java.util.List;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Spring Data's view of {@code trainer.evaluation_item}. */
interface EvaluationItemRows extends Repository<EvaluationItemEntity, EvaluationItemEntity.Key> {

  @Transactional
  <S extends EvaluationItemEntity> List<S> saveAll(Iterable<S> items);

  List<EvaluationItemEntity> findByJobIdOrderByPosition(long jobId);
}
