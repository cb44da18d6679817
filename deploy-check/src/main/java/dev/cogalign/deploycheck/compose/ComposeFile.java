package dev.cogalign.deploycheck.compose;

import dev.cogalign.deploycheck.DeployCheckException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A compose file's services, as YAML trees with anchors and merge keys ({@code <<: *service})
 * resolved the way Compose resolves them.
 *
 * @param services each service's definition, by name
 */
public record ComposeFile(Map<String, Map<String, Object>> services) {

  public ComposeFile {
    services = new LinkedHashMap<>(services);
  }

  @SuppressWarnings("unchecked")
  public static ComposeFile read(Path file) {
    Object doc;
    try (Reader reader = Files.newBufferedReader(file)) {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new DeployCheckException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new DeployCheckException(file + " is not valid YAML: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> root) || !(root.get("services") instanceof Map<?, ?> services)) {
      throw new DeployCheckException(file + " has no services");
    }
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    services.forEach(
        (name, definition) -> byName.put((String) name, (Map<String, Object>) definition));
    return new ComposeFile(byName);
  }
}
