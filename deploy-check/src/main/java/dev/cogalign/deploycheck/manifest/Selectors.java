package dev.cogalign.deploycheck.manifest;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Kubernetes label selectors evaluated against a pod template's labels. */
final class Selectors {

  private Selectors() {}

  /** Whether {@code selector} selects {@code labels}; an empty selector selects everything. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    for (Map.Entry<String, String> e :
        Objects.requireNonNullElse(selector.getMatchLabels(), Map.<String, String>of())
            .entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r :
        Objects.requireNonNullElse(
            selector.getMatchExpressions(), List.<LabelSelectorRequirement>of())) {
      String value = labels.get(r.getKey());
      List<String> values = Objects.requireNonNullElse(r.getValues(), List.of());
      boolean ok =
          switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code selector} is empty (selects every pod). */
  static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || (Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()).isEmpty()
            && Objects.requireNonNullElse(selector.getMatchExpressions(), List.of()).isEmpty());
  }
}
