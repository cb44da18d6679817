package dev.cogalign.deploycheck.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.deploycheck.DeployCheckException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategicMergeTest {

  private static Map<String, Object> container(String name, List<Map<String, Object>> env) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("env", env);
    c.put("args", List.of("--a"));
    return c;
  }

  @Test
  void envMergesByNameWithNewEntriesFirstAndOtherListsAreReplaced() {
    Map<String, Object> target =
        Map.of(
            "containers",
            List.of(
                container(
                    "app",
                    List.of(
                        Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "2")))));
    Map<String, Object> patch =
        Map.of(
            "containers",
            List.of(
                Map.of(
                    "name", "app",
                    "env",
                        List.of(
                            Map.of("name", "B", "value", "20"), Map.of("name", "C", "value", "3")),
                    "args", List.of("--b"))));

    Map<String, Object> merged = StrategicMerge.apply(target, patch);

    assertThat(merged)
        .isEqualTo(
            Map.of(
                "containers",
                List.of(
                    Map.of(
                        "name", "app",
                        "env",
                            List.of(
                                Map.of("name", "C", "value", "3"),
                                Map.of("name", "A", "value", "1"),
                                Map.of("name", "B", "value", "20")),
                        "args", List.of("--b")))));
  }

  @Test
  void aNullValueDeletesTheKeyAndTheTargetIsLeftUnchanged() {
    Map<String, Object> target = new HashMap<>(Map.of("replicas", 2, "paused", false));
    Map<String, Object> patch = new HashMap<>();
    patch.put("paused", null);

    assertThat(StrategicMerge.apply(target, patch)).isEqualTo(Map.of("replicas", 2));
    assertThat(target).containsKey("paused");
  }

  @Test
  void containerPortsMergeOnContainerPortAndServicePortsOnPort() {
    Map<String, Object> target =
        Map.of("ports", List.of(Map.of("name", "http", "port", 80, "targetPort", "http")));
    Map<String, Object> patch = Map.of("ports", List.of(Map.of("port", 80, "nodePort", 30080)));

    assertThat(StrategicMerge.apply(target, patch))
        .isEqualTo(
            Map.of(
                "ports",
                List.of(
                    Map.of("name", "http", "port", 80, "targetPort", "http", "nodePort", 30080))));
  }

  @Test
  void patchDirectivesAreRefusedRatherThanIgnored() {
    assertThatThrownBy(() -> StrategicMerge.apply(Map.of("a", 1), Map.of("$patch", "delete")))
        .isInstanceOf(DeployCheckException.class)
        .hasMessage("patch directive /$patch is not supported");
  }
}
