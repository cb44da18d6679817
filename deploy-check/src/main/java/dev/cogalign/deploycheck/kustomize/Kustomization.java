package dev.cogalign.deploycheck.kustomize;

import dev.cogalign.deploycheck.DeployCheckException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a {@code kustomization.yaml} that CogAlign's overlays use: {@code resources} (files
 * or folders with a kustomization), {@code namespace}, {@code patches} given by {@code path}
 * (strategic-merge patch files) and {@code configMapGenerator} with files. Any other field, or
 * another form of these, is refused ({@link UnsupportedKustomizationException}).
 *
 * @param dir the folder of the kustomization
 * @param resources entries of {@code resources}, relative to {@code dir}
 * @param namespace the namespace set on every namespaced object, or {@code null}
 * @param patches strategic-merge patch files, relative to {@code dir}
 * @param configMapGenerators the generated ConfigMaps
 */
public record Kustomization(
    Path dir,
    List<String> resources,
    String namespace,
    List<String> patches,
    List<ConfigMapGenerator> configMapGenerators) {

  public static final String FILE_NAME = "kustomization.yaml";

  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "resources", "namespace", "patches", "configMapGenerator");

  public Kustomization {
    resources = List.copyOf(resources);
    patches = List.copyOf(patches);
    configMapGenerators = List.copyOf(configMapGenerators);
  }

  /** Reads {@code dir/kustomization.yaml}. */
  public static Kustomization read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new DeployCheckException(dir + " has no " + FILE_NAME);
    }
    Map<String, Object> doc = YamlDocuments.readOne(file);
    for (String field : doc.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new UnsupportedKustomizationException(file, "field '" + field + "'");
      }
    }
    if (!"Kustomization".equals(doc.get("kind"))) {
      throw new DeployCheckException(file + ": kind is not Kustomization");
    }
    List<String> patches = new ArrayList<>();
    for (Object entry : list(doc.get("patches"), file, "patches")) {
      Map<String, Object> patch = map(entry, file, "a patches entry");
      if (patch.size() != 1 || !(patch.get("path") instanceof String path)) {
        throw new UnsupportedKustomizationException(
            file, "a patches entry other than {path: FILE} (" + patch.keySet() + ")");
      }
      patches.add(path);
    }
    List<ConfigMapGenerator> generators = new ArrayList<>();
    for (Object entry : list(doc.get("configMapGenerator"), file, "configMapGenerator")) {
      generators.add(generator(map(entry, file, "a configMapGenerator entry"), file));
    }
    return new Kustomization(
        dir,
        strings(list(doc.get("resources"), file, "resources"), file),
        (String) doc.get("namespace"),
        patches,
        generators);
  }

  private static ConfigMapGenerator generator(Map<String, Object> entry, Path file) {
    for (String field : entry.keySet()) {
      if (!Set.of("name", "files", "options").contains(field)) {
        throw new UnsupportedKustomizationException(
            file, "configMapGenerator field '" + field + "'");
      }
    }
    Map<String, Object> options = map(entry.getOrDefault("options", Map.of()), file, "options");
    if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
      throw new UnsupportedKustomizationException(
          file, "configMapGenerator without options.disableNameSuffixHash: true");
    }
    for (String option : options.keySet()) {
      if (!Set.of("disableNameSuffixHash", "labels").contains(option)) {
        throw new UnsupportedKustomizationException(
            file, "configMapGenerator option '" + option + "'");
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    map(options.getOrDefault("labels", Map.of()), file, "labels")
        .forEach((k, v) -> labels.put(k, String.valueOf(v)));
    return new ConfigMapGenerator(
        (String) entry.get("name"), strings(list(entry.get("files"), file, "files"), file), labels);
  }

  private static List<?> list(Object value, Path file, String what) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new DeployCheckException(file + ": " + what + " is not a list");
    }
    return list;
  }

  private static List<String> strings(List<?> values, Path file) {
    List<String> strings = new ArrayList<>();
    for (Object value : values) {
      if (!(value instanceof String s)) {
        throw new UnsupportedKustomizationException(file, "the entry " + value);
      }
      strings.add(s);
    }
    return strings;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, Path file, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new DeployCheckException(file + ": " + what + " is not a mapping");
    }
    return (Map<String, Object>) map;
  }
}
