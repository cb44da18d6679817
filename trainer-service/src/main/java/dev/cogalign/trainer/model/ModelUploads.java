package dev.cogalign.trainer.model;

import dev.cogalign.cogpo.checkpoint.HfCheckpoint;
import dev.cogalign.serviceweb.text.StorableText;
import dev.cogalign.trainer.config.TrainerProperties;
import dev.cogalign.trainer.error.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/models} as multipart/form-data: an archive of a Hugging Face folder, unpacked
 * safely ({@link ModelArchive}) into {@code <storage>/uploads/<uuid>/} and registered as a BASE
 * model like a folder given by path, so that clients need no access to the service's disk.
 */
@Service
class ModelUploads {
  static final String UPLOADS_DIR = "uploads";

  /** Unpacked bytes allowed per uploaded byte (a model's safetensors hardly compress). */
  static final int MAX_EXPANSION = 4;

  private static final int MAX_NAME_CHARS = 200;

  private final Path uploads;
  private final long maxUnpackedBytes;
  private final ModelService models;

  ModelUploads(TrainerProperties properties, ModelService models) {
    this.uploads = properties.storageDir().resolve(UPLOADS_DIR).toAbsolutePath().normalize();
    this.maxUnpackedBytes = properties.maxModelUploadBytes() * MAX_EXPANSION;
    this.models = models;
  }

  ModelView upload(String name, MultipartFile file) {
    if (name != null) {
      StorableText.problem(name)
          .ifPresent(
              problem -> {
                throw new InvalidRequestException("name", problem);
              });
      if (name.length() > MAX_NAME_CHARS) {
        throw new InvalidRequestException(
            "name", "is longer than " + MAX_NAME_CHARS + " characters");
      }
    }
    if (file == null || file.isEmpty()) {
      throw new InvalidRequestException(
          ModelArchive.FIELD, "is required: a .tar, .tar.gz or .zip of a Hugging Face folder");
    }
    String fileName = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    Path folder = uploads.resolve(UUID.randomUUID().toString());
    Path archive = null;
    try {
      Files.createDirectories(uploads);
      archive = Files.createTempFile(uploads, ".incoming-", ".archive");
      file.transferTo(archive);
      ModelArchive.unpack(archive, fileName, folder, maxUnpackedBytes);
      Path model =
          checkpointIn(folder)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          ModelArchive.FIELD,
                          "holds no Hugging Face folder: config.json must be at the archive's top"
                              + " or in its one top-level folder"));
      String shown = name == null || name.isBlank() ? baseName(fileName) : name;
      return models.register(new RegisterModelRequest(model.toString(), shown));
    } catch (IOException e) {
      deleteTree(folder);
      throw new UncheckedIOException("could not store the uploaded model " + fileName, e);
    } catch (RuntimeException e) {
      deleteTree(folder);
      throw e;
    } finally {
      if (archive != null) {
        deleteTree(archive);
      }
    }
  }

  /** The unpacked folder itself when it holds config.json, else its one sub-folder that does. */
  private static Optional<Path> checkpointIn(Path folder) throws IOException {
    if (HfCheckpoint.isCheckpoint(folder)) {
      return Optional.of(folder);
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(folder)) {
      children = list.toList();
    }
    if (children.size() == 1
        && Files.isDirectory(children.get(0))
        && HfCheckpoint.isCheckpoint(children.get(0))) {
      return Optional.of(children.get(0));
    }
    return Optional.empty();
  }

  /** {@code qwen2-tiny.tar.gz} → {@code qwen2-tiny}. */
  static String baseName(String fileName) {
    String base = Path.of(fileName.replace('\\', '/')).getFileName().toString();
    base = base.replaceFirst("(?i)(\\.tar\\.gz|\\.tgz|\\.tar|\\.zip)$", "");
    return base.isBlank() ? "uploaded" : base;
  }

  private static void deleteTree(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: an orphan folder under uploads/ is registered nowhere
    }
  }
}
