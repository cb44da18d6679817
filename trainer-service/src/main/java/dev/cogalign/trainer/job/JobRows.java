package dev.cogalign.trainer.job;

import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Data's view of {@code trainer.job}: inserts and reads. {@link JobRepository} is what
 * services call; it also holds the queue's conditional statements, which stay SQL.
 */
interface JobRows extends Repository<JobEntity, Long> {

  @Transactional
  JobEntity save(JobEntity job);

  Optional<JobEntity> findById(Long id);

  /* A page of the list, newest first, keyset-paginated on the id; one method per filter. */

  Window<JobEntity> findByOrderByIdDesc(ScrollPosition position, Limit limit);

  Window<JobEntity> findByStatusOrderByIdDesc(
      JobStatus status, ScrollPosition position, Limit limit);

  Window<JobEntity> findByTypeOrderByIdDesc(JobType type, ScrollPosition position, Limit limit);

  Window<JobEntity> findByStatusAndTypeOrderByIdDesc(
      JobStatus status, JobType type, ScrollPosition position, Limit limit);
}
