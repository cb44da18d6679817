package dev.cogalign.trainer.data;

import dev.cogalign.serviceweb.internal.InternalTokenInterceptor;
import dev.cogalign.trainer.config.TrainerProperties;
import dev.cogalign.trainer.error.UpstreamException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams an export from pipeline-service (a run's {@code GET /api/v1/runs/{id}/pairs} or {@code
 * /sft}, a dataset's {@code GET /api/v1/datasets/{id}/sft}, JSONL) line by line into a
 * content-addressed snapshot under {@code <storage-dir>/snapshots/<sha256>.jsonl}, never holding
 * the export in memory; and reads a run's status. Every call carries the platform's internal token.
 */
@Component
public class PipelineClient {
  public static final String SNAPSHOTS_DIR = "snapshots";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Which export of a run. */
  public enum Export {
    PAIRS("pairs"),
    SFT("sft");

    private final String path;

    Export(String path) {
      this.path = path;
    }
  }

  private final RestClient rest;
  private final Path snapshots;

  PipelineClient(
      RestClient.Builder builder,
      TrainerProperties properties,
      InternalTokenInterceptor internalToken) {
    this.rest =
        builder.clone().baseUrl(properties.pipelineUrl()).requestInterceptor(internalToken).build();
    this.snapshots = properties.storageDir().resolve(SNAPSHOTS_DIR);
  }

  /** A run as far as training needs it: its status and dataset. */
  public record RunInfo(long id, String status, long datasetId) {
    public boolean succeeded() {
      return "SUCCEEDED".equals(status);
    }
  }

  /** The run's status and dataset; empty when the run does not exist. */
  public Optional<RunInfo> run(long runId) {
    String uri = "/api/v1/runs/" + runId;
    try {
      return rest.get()
          .uri(uri)
          .exchange(
              (request, response) -> {
                if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                  return Optional.<RunInfo>empty();
                }
                if (!response.getStatusCode().is2xxSuccessful()) {
                  throw new UpstreamException(
                      "pipeline-service answered " + response.getStatusCode() + " to " + uri, null);
                }
                JsonNode run = JSON.readTree(response.getBody());
                return Optional.of(
                    new RunInfo(
                        runId, run.path("status").asString(), run.path("datasetId").asLong()));
              });
    } catch (ResourceAccessException e) {
      throw new UpstreamException("pipeline-service is unreachable: " + e.getMessage(), e);
    }
  }

  /**
   * Pulls and stores a run's export; empty when the run does not exist.
   *
   * @param betas per mini-task betas that replace a pair's own (may be empty)
   * @param stripAnnotations whether pipeline-service strips calculator annotations from the CoTs
   */
  public Optional<DataSnapshot> snapshot(
      long runId, Export export, Map<String, Double> betas, boolean stripAnnotations) {
    return pull("/api/v1/runs/" + runId + "/" + export.path + annotations(stripAnnotations), betas);
  }

  /**
   * Pulls and stores a dataset's problems with their teacher CoTs and gold answers ({@code
   * {"prompt","completion","answer","problem_id"}}); empty when the dataset does not exist.
   */
  public Optional<DataSnapshot> datasetSnapshot(long datasetId, boolean stripAnnotations) {
    return pull("/api/v1/datasets/" + datasetId + "/sft" + annotations(stripAnnotations), Map.of());
  }

  private static String annotations(boolean strip) {
    return strip ? "?annotations=strip" : "";
  }

  private Optional<DataSnapshot> pull(String uri, Map<String, Double> betas) {
    try {
      Files.createDirectories(snapshots);
      Path temp = Files.createTempFile(snapshots, "pull-", ".tmp");
      try {
        Optional<Result> result =
            rest.get()
                .uri(uri)
                .exchange(
                    (request, response) -> {
                      if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return Optional.empty();
                      }
                      if (!response.getStatusCode().is2xxSuccessful()) {
                        throw new UpstreamException(
                            "pipeline-service answered " + response.getStatusCode() + " to " + uri,
                            null);
                      }
                      return Optional.of(copy(response.getBody(), temp, betas));
                    });
        if (result.isEmpty()) {
          return Optional.empty();
        }
        Path file = snapshots.resolve(result.get().sha256() + ".jsonl");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(
            new DataSnapshot(file, result.get().sha256(), result.get().count(), "pipeline:" + uri));
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (ResourceAccessException e) {
      throw new UpstreamException("pipeline-service is unreachable: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the snapshot of " + uri, e);
    }
  }

  private record Result(String sha256, int count) {}

  /** Stores lines made here (a benchmark's problems) as a snapshot. */
  public DataSnapshot store(List<String> lines, String source) {
    try {
      Files.createDirectories(snapshots);
      Path temp = Files.createTempFile(snapshots, "store-", ".tmp");
      try {
        Result result =
            copy(
                new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                temp,
                Map.of());
        Path file = snapshots.resolve(result.sha256() + ".jsonl");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new DataSnapshot(file, result.sha256(), result.count(), source);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the snapshot of " + source, e);
    }
  }

  private static Result copy(InputStream body, Path temp, Map<String, Double> betas)
      throws IOException {
    MessageDigest digest = sha256();
    int count = 0;
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String stored = betas.isEmpty() ? line : withBeta(line, betas);
        byte[] bytes = (stored + "\n").getBytes(StandardCharsets.UTF_8);
        digest.update(bytes);
        out.write(stored);
        out.write('\n');
        count++;
      }
    }
    return new Result(HexFormat.of().formatHex(digest.digest()), count);
  }

  /** The line with its mini-task's configured beta, when one is configured. */
  private static String withBeta(String line, Map<String, Double> betas) {
    JsonNode node = JSON.readTree(line);
    JsonNode task = node.get("mini_task");
    if (node instanceof ObjectNode o && task != null && betas.containsKey(task.asString())) {
      o.put("beta", betas.get(task.asString()));
      return JSON.writeValueAsString(o);
    }
    return line;
  }

  /** SHA-256 of a stored file, to check a snapshot before training on it. */
  public static String sha256(Path file) {
    MessageDigest digest = sha256();
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
