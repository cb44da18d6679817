package dev.cogalign.trainer.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.testsupport.Http;
import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.trainer.TrainerApplication;
import dev.cogalign.trainer.experiment.ExperimentRepository.Experiment;
import dev.cogalign.trainer.experiment.ExperimentRepository.ExperimentJob;
import dev.cogalign.trainer.job.JobRepository;
import dev.cogalign.trainer.job.JobType;
import dev.cogalign.trainer.job.NewJob;
import dev.cogalign.trainer.model.ModelRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Experiments and their jobs as stored and read back through Spring Data. */
@SpringBootTest(
    classes = TrainerApplication.class,
    properties = {
      "spring.config.name=" + TrainerApplication.CONFIG_NAME,
      "cogalign.trainer.worker.enabled=false",
      "cogalign.trainer.storage-dir=target/experiment-repository-it",
      "cogalign.trainer.code-version=test-1.0"
    })
class ExperimentRepositoryIT {
  @Autowired ExperimentRepository experiments;
  @Autowired JobRepository jobs;
  @Autowired ModelRepository models;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.springDataSource().forEach(registry::add);
  }

  @Test
  void storesAnExperimentWithItsJobsAndReadsThemBackOrderedByReplicateArmAndRole() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    long train = job(JobType.SFT);
    long eval = job(JobType.EVAL);
    long id = experiments.insert("crv", Http.JSON.createObjectNode().put("seed", 4), now);
    experiments.addJob(id, new ExperimentJob(1, Arm.SFT_TEACHER, ExperimentRepository.EVAL, eval));
    experiments.addJob(id, new ExperimentJob(1, Arm.COGPO, ExperimentRepository.TRAIN, train));
    experiments.addJob(id, new ExperimentJob(0, Arm.SFT_CRV, ExperimentRepository.TRAIN, train));
    long newer = experiments.insert("newer", Http.JSON.createObjectNode(), now);

    Experiment stored = experiments.find(id).orElseThrow();

    assertThat(stored.name()).isEqualTo("crv");
    assertThat(stored.request().get("seed").asInt()).isEqualTo(4);
    assertThat(stored.createdAt()).isEqualTo(now);
    assertThat(experiments.jobs(id))
        .containsExactly(
            new ExperimentJob(0, Arm.SFT_CRV, ExperimentRepository.TRAIN, train),
            new ExperimentJob(1, Arm.COGPO, ExperimentRepository.TRAIN, train),
            new ExperimentJob(1, Arm.SFT_TEACHER, ExperimentRepository.EVAL, eval));
    assertThat(experiments.ids(null, 2)).containsExactly(newer, id);
    assertThat(experiments.ids(newer, 1)).containsExactly(id);
    assertThat(experiments.find(newer + 1)).isEmpty();
  }

  private long job(JobType type) {
    long model =
        models.registerBase("tiny", "/experiment-repository-it/tiny", "test-1.0", Instant.now());
    return jobs.insert(
        new NewJob(
            type,
            model,
            null,
            null,
            null,
            null,
            "test",
            "/experiment-repository-it/data.jsonl",
            "0".repeat(64),
            0,
            Http.JSON.createObjectNode(),
            null,
            null,
            null,
            false,
            false,
            0,
            1,
            "test-1.0"),
        Instant.now());
  }
}
