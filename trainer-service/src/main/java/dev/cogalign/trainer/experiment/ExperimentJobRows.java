package dev.cogalign.trainer.experiment;

import java.util.List;
import org.springframework.data.repository.Repository;

/** Spring Data's view of {@code trainer.experiment_job}. */
interface ExperimentJobRows extends Repository<ExperimentJobEntity, ExperimentJobEntity.Key> {

  ExperimentJobEntity save(ExperimentJobEntity job);

  List<ExperimentJobEntity> findByExperimentIdOrderByReplicateAscArmAscRoleAsc(long experimentId);
}
