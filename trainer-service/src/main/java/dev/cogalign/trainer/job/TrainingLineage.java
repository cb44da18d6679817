package dev.cogalign.trainer.job;

import dev.cogalign.trainer.model.Model;
import dev.cogalign.trainer.model.ModelRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data a model was trained on, through its whole lineage: every ancestor's training job and its
 * data snapshot, so that an evaluation can be checked against it.
 */
@Component
class TrainingLineage {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_DEPTH = 1000;

  private final JobRepository jobs;
  private final ModelRepository models;

  TrainingLineage(JobRepository jobs, ModelRepository models) {
    this.jobs = jobs;
    this.models = models;
  }

  /** Snapshot files of every training job behind a model (registered folders have none). */
  Set<Path> snapshotsOfModel(long modelId) {
    Set<Path> out = new LinkedHashSet<>();
    Long current = modelId;
    for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
      Optional<Model> model = models.find(current);
      if (model.isEmpty()) {
        break;
      }
      if (model.get().jobId() != null) {
        jobs.find(model.get().jobId()).ifPresent(j -> out.add(Path.of(j.dataPath())));
      }
      current = model.get().parentId();
    }
    return out;
  }

  /** Snapshot files behind the model a training job will produce (its own data included). */
  Set<Path> snapshotsOfJob(long jobId) {
    Set<Path> out = new LinkedHashSet<>();
    Long current = jobId;
    for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
      Optional<Job> job = jobs.find(current);
      if (job.isEmpty()) {
        break;
      }
      out.add(Path.of(job.get().dataPath()));
      if (job.get().baseModelId() != null) {
        out.addAll(snapshotsOfModel(job.get().baseModelId()));
        break;
      }
      current = job.get().baseJobId();
    }
    return out;
  }

  /** The {@code prompt} texts of JSONL snapshot files (trimmed). */
  static Set<String> prompts(Set<Path> files) {
    Set<String> out = new HashSet<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isBlank()) {
            JsonNode prompt = JSON.readTree(line).get("prompt");
            if (prompt != null && prompt.isString()) {
              out.add(prompt.asString().trim());
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the snapshot " + file, e);
      }
    }
    return out;
  }

  /** How many of the snapshot's prompts occur in {@code trained}. */
  static int overlap(Path snapshot, Set<String> trained) {
    int n = 0;
    for (String prompt : prompts(Set.of(snapshot))) {
      if (trained.contains(prompt)) {
        n++;
      }
    }
    return n;
  }
}
