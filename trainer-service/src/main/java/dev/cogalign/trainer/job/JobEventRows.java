package dev.cogalign.trainer.job;

import java.util.List;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Spring Data's view of {@code trainer.job_event}, the status log. */
interface JobEventRows extends Repository<JobEventEntity, Long> {

  @Transactional
  JobEventEntity save(JobEventEntity event);

  List<JobEventEntity> findByJobIdOrderById(long jobId);
}
