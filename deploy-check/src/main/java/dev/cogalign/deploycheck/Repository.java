package dev.cogalign.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the deployment files live: the repository root, found upward from the working folder. */
public record Repository(Path root) {

  /** The overlays every build checks, under {@code k8s/overlays}. */
  public static final List<String> OVERLAYS = List.of("local", "production", "gpu");

  /** The root above the working folder (Maven runs a module's tests in the module's folder). */
  public static Repository find() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("k8s"))
          && Files.isRegularFile(d.resolve("docker-compose.yml"))) {
        return new Repository(d);
      }
    }
    throw new DeployCheckException("no folder with k8s/ and docker-compose.yml above " + dir);
  }

  public Path overlay(String name) {
    return root.resolve("k8s").resolve("overlays").resolve(name);
  }

  public Path composeFile() {
    return root.resolve("docker-compose.yml");
  }
}
