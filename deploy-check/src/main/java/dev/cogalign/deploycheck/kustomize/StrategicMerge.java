package dev.cogalign.deploycheck.kustomize;

import dev.cogalign.deploycheck.DeployCheckException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge of a patch into an object, for the fields CogAlign's patches touch:
 * mappings merge key by key (a {@code null} value deletes the key); the lists the Kubernetes API
 * declares with a merge key merge element by element on it ({@code containers}, {@code
 * initContainers}, {@code env}, {@code volumes}, {@code imagePullSecrets} on {@code name}, {@code
 * volumeMounts} on {@code mountPath}, container {@code ports} on {@code containerPort}, Service
 * {@code ports} on {@code port}), new elements first (as kustomize orders them); every other list
 * is replaced. Patch directives ({@code $patch}, {@code $setElementOrder/…}) are refused.
 */
public final class StrategicMerge {

  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "ephemeralContainers", "name",
          "env", "name",
          "volumes", "name",
          "imagePullSecrets", "name",
          "volumeMounts", "mountPath");

  private StrategicMerge() {}

  /** A new object: {@code target} with {@code patch} merged in (neither is changed). */
  public static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    return merge(copy(target), patch, "");
  }

  private static Map<String, Object> merge(
      Map<String, Object> target, Map<String, Object> patch, String path) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String key = e.getKey();
      String at = path + "/" + key;
      if (key.startsWith("$")) {
        throw new DeployCheckException("patch directive " + at + " is not supported");
      }
      Object value = e.getValue();
      Object current = target.get(key);
      if (value == null) {
        target.remove(key);
      } else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
        target.put(key, merge(asMap(currentMap), asMap(valueMap), at));
      } else if (current instanceof List<?> currentList && value instanceof List<?> valueList) {
        String mergeKey = mergeKey(key, currentList, valueList);
        target.put(
            key,
            mergeKey == null
                ? copyValue(valueList)
                : mergeList(currentList, valueList, mergeKey, at));
      } else {
        target.put(key, copyValue(value));
      }
    }
    return target;
  }

  private static String mergeKey(String field, List<?> current, List<?> patch) {
    if (field.equals("ports")) {
      boolean container =
          current.stream().allMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort"))
              && patch.stream()
                  .allMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort"));
      return container ? "containerPort" : "port";
    }
    return MERGE_KEYS.get(field);
  }

  private static List<Object> mergeList(
      List<?> current, List<?> patch, String mergeKey, String path) {
    List<Object> merged = new ArrayList<>();
    for (Object element : current) {
      merged.add(copyValue(element));
    }
    List<Object> added = new ArrayList<>();
    for (Object element : patch) {
      if (!(element instanceof Map<?, ?> patchElement) || !patchElement.containsKey(mergeKey)) {
        throw new DeployCheckException(
            "patch " + path + ": every element needs its merge key '" + mergeKey + "'");
      }
      Object id = patchElement.get(mergeKey);
      int index = indexOf(merged, mergeKey, id);
      if (index < 0) {
        added.add(copyValue(patchElement));
      } else {
        merged.set(
            index,
            merge(
                asMap((Map<?, ?>) merged.get(index)),
                asMap(patchElement),
                path + "[" + mergeKey + "=" + id + "]"));
      }
    }
    merged.addAll(0, added); // kustomize puts the new elements first, in the patch's order
    return merged;
  }

  private static int indexOf(List<Object> list, String key, Object id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> m
          && String.valueOf(id).equals(String.valueOf(m.get(key)))) {
        return i;
      }
    }
    return -1;
  }

  /** A deep copy of a YAML tree (maps keep their order). */
  public static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, copyValue(v)));
    return copy;
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copy(asMap(map));
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copyValue(v)));
      return copy;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
