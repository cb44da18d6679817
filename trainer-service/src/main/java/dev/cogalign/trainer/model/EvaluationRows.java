package dev.cogalign.trainer.model;

import java.util.Collection;
import java.util.List;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Data's view of {@code trainer.evaluation}; {@link ModelRepository} is what services call.
 */
interface EvaluationRows extends Repository<EvaluationEntity, Long> {

  @Transactional
  EvaluationEntity save(EvaluationEntity evaluation);

  List<EvaluationEntity> findByModelIdOrderById(long modelId);

  List<EvaluationEntity> findByModelIdInOrderById(Collection<Long> modelIds);

  List<EvaluationEntity> findByJobId(long jobId);
}
