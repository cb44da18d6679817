package dev.cogalign.deploycheck.kustomize;

import dev.cogalign.deploycheck.DeployCheckException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Assembles a kustomization the way {@code kustomize build} does, for the subset {@link
 * Kustomization} accepts: resources (files, or folders rendered recursively) in order, then the
 * generated ConfigMaps, then each strategic-merge patch on the one object of its kind and name,
 * then the namespace on every namespaced object. An object defined twice, or a patch without
 * exactly one target, fails as it does in kustomize.
 */
public final class KustomizeRenderer {

  /** Kinds without a namespace among those a CogAlign overlay could hold. */
  static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "PersistentVolume",
          "StorageClass",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PriorityClass",
          "IngressClass",
          "RuntimeClass");

  private KustomizeRenderer() {}

  /** Renders the kustomization in {@code dir}. */
  public static Rendering render(Path dir) {
    Kustomization k = Kustomization.read(dir);
    List<Map<String, Object>> objects = new ArrayList<>();
    ExternalSecrets external = ExternalSecrets.read(dir);
    for (String resource : k.resources()) {
      Path path = dir.resolve(resource).normalize();
      if (Files.isDirectory(path)) {
        Rendering sub = render(path);
        sub.objects().forEach(o -> add(objects, StrategicMerge.copy(o), path));
        external = external.plus(sub.externalSecrets());
      } else if (Files.isRegularFile(path)) {
        YamlDocuments.read(path).forEach(o -> add(objects, o, path));
      } else {
        throw new DeployCheckException(dir.resolve(Kustomization.FILE_NAME) + ": no " + resource);
      }
    }
    for (ConfigMapGenerator generator : k.configMapGenerators()) {
      add(objects, configMap(generator, dir), dir);
    }
    for (String patchFile : k.patches()) {
      Path path = dir.resolve(patchFile).normalize();
      for (Map<String, Object> patch : YamlDocuments.read(path)) {
        int target = target(objects, patch, path);
        objects.set(target, StrategicMerge.apply(objects.get(target), patch));
      }
    }
    if (k.namespace() != null) {
      for (Map<String, Object> object : objects) {
        if (!CLUSTER_SCOPED.contains(object.get("kind"))) {
          metadata(object).put("namespace", k.namespace());
        }
      }
    }
    return new Rendering(objects, external);
  }

  /** {@code kind/namespace/name} of a rendered object. */
  public static String id(Map<String, Object> object) {
    Map<String, Object> metadata = metadata(object);
    return object.get("kind")
        + "/"
        + Objects.requireNonNullElse(metadata.get("namespace"), "")
        + "/"
        + metadata.get("name");
  }

  private static void add(
      List<Map<String, Object>> objects, Map<String, Object> object, Path from) {
    if (object.get("kind") == null || metadata(object).get("name") == null) {
      throw new DeployCheckException(from + ": an object without kind or metadata.name");
    }
    String id = id(object);
    if (objects.stream().anyMatch(o -> id(o).equals(id))) {
      throw new DeployCheckException(from + ": " + id + " is defined twice");
    }
    objects.add(object);
  }

  private static int target(
      List<Map<String, Object>> objects, Map<String, Object> patch, Path file) {
    Map<String, Object> metadata = metadata(patch);
    List<Integer> matches = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      Map<String, Object> o = objects.get(i);
      Map<String, Object> m = metadata(o);
      if (Objects.equals(o.get("kind"), patch.get("kind"))
          && Objects.equals(o.get("apiVersion"), patch.get("apiVersion"))
          && Objects.equals(m.get("name"), metadata.get("name"))
          && (metadata.get("namespace") == null
              || Objects.equals(m.get("namespace"), metadata.get("namespace")))) {
        matches.add(i);
      }
    }
    if (matches.size() != 1) {
      throw new DeployCheckException(
          file
              + ": the patch of "
              + patch.get("kind")
              + " "
              + metadata.get("name")
              + " matches "
              + matches.size()
              + " objects, not 1");
    }
    return matches.get(0);
  }

  private static Map<String, Object> configMap(ConfigMapGenerator generator, Path dir) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (String file : generator.files()) {
      Path path = dir.resolve(file);
      try {
        data.put(path.getFileName().toString(), Files.readString(path));
      } catch (IOException e) {
        throw new DeployCheckException("cannot read " + path, e);
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", generator.name());
    if (!generator.labels().isEmpty()) {
      metadata.put("labels", new LinkedHashMap<>(generator.labels()));
    }
    Map<String, Object> configMap = new LinkedHashMap<>();
    configMap.put("apiVersion", "v1");
    configMap.put("kind", "ConfigMap");
    configMap.put("metadata", metadata);
    configMap.put("data", data);
    return configMap;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> metadata(Map<String, Object> object) {
    Object metadata = object.get("metadata");
    if (!(metadata instanceof Map<?, ?>)) {
      throw new DeployCheckException("an object without metadata: " + object.get("kind"));
    }
    return (Map<String, Object>) metadata;
  }
}
