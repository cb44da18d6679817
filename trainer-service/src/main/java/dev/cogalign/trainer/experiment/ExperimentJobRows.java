package dev.cogalign.trainer.experiment;

import java.util.List;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Spring Data's view of {@code trainer.experiment_job}. */
interface ExperimentJobRows extends Repository<ExperimentJobEntity, ExperimentJobEntity.Key> {

  @Transactional
  ExperimentJobEntity save(ExperimentJobEntity job);

  List<ExperimentJobEntity> findByExperimentIdOrderByReplicateAscArmAscRoleAsc(long experimentId);
}
