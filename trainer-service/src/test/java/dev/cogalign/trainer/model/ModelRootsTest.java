package dev.cogalign.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.trainer.error.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRootsTest {
  @TempDir Path temp;
  Path root;
  Path outside;
  ModelRoots roots;

  @BeforeEach
  void folders() throws IOException {
    root = Files.createDirectories(temp.resolve("root"));
    outside = Files.createDirectories(temp.resolve("outside"));
    roots = new ModelRoots(List.of(root, temp.resolve("not-created-yet")));
  }

  private static Path checkpoint(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), "{}");
    return dir;
  }

  @Test
  void acceptsACheckpointInsideARootAsItsRealPath() throws IOException {
    Path model = checkpoint(root.resolve("models/tiny"));

    assertThat(roots.confine(model.toString(), "path")).isEqualTo(model.toRealPath());
    assertThat(roots.confine(root + "/models/../models/tiny", "path"))
        .isEqualTo(model.toRealPath());
  }

  @Test
  void refusesOutsideMissingAndNonCheckpointFoldersWithTheSameMessage() throws IOException {
    Path elsewhere = checkpoint(outside.resolve("tiny"));
    Files.createDirectories(root.resolve("empty"));

    for (String ref :
        List.of(
            elsewhere.toString(),
            root + "/../outside/tiny",
            root.resolve("missing").toString(),
            root.resolve("empty").toString(),
            "/etc",
            "bad\u0000path")) {
      assertThatThrownBy(() -> roots.confine(ref, "path"))
          .as(ref)
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e ->
                  assertThat(e.errors())
                      .singleElement()
                      .satisfies(
                          f -> {
                            assertThat(f.field()).isEqualTo("path");
                            assertThat(f.message()).isEqualTo(ModelRoots.RULE);
                          }));
    }
  }

  @Test
  void refusesASymbolicLinkInsideARootThatLeadsOutside() throws IOException {
    Path elsewhere = checkpoint(outside.resolve("tiny"));
    Path link = Files.createSymbolicLink(root.resolve("link"), elsewhere);

    assertThat(roots.find(link.toString())).isEmpty();
    assertThat(roots.find(link.resolve(".").toString())).isEmpty();
  }

  @Test
  void showsAPathRelativeToItsRootAndNothingForOneOutside() throws IOException {
    Path model = checkpoint(root.resolve("jobs/3/model"));

    assertThat(roots.relative(model)).isEqualTo("jobs/3/model");
    assertThat(roots.relative(outside)).isNull();
  }
}
