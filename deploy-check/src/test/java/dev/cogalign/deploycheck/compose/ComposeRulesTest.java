package dev.cogalign.deploycheck.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.deploycheck.Repository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ComposeRulesTest {

  private static ComposeFile repositoryCompose() {
    return ComposeFile.read(Repository.find().composeFile());
  }

  @Test
  void theRepositorysComposeFileHoldsEveryRule() {
    ComposeFile compose = repositoryCompose();

    assertThat(ComposeRules.violations(compose)).isEmpty();
    assertThat(compose.services().keySet())
        .containsExactlyInAnyOrder(
            "postgres",
            "gateway",
            "pipeline-service",
            "critic-service",
            "rethink-service",
            "verifier-service",
            "trainer-service",
            "ollama");
  }

  @Test
  void mergeKeysAreResolvedAsComposeResolvesThem() {
    Map<String, Object> critic = repositoryCompose().services().get("critic-service");
    assertThat(critic).containsEntry("read_only", true);
    assertThat(critic.get("environment"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("PORT", "8082")
        .containsEntry("AGENT_BACKEND", "${AGENT_BACKEND:-rules}")
        .containsKey("COGALIGN_INTERNAL_TOKEN");
    Map<String, Object> gateway = repositoryCompose().services().get("gateway");
    assertThat(gateway.get("environment"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("DATABASE_USER", "${POSTGRES_USER:-cogalign}")
        .containsKey("COGALIGN_INTERNAL_TOKEN");
  }

  /** A defect planted in the parsed file and the violation it must produce. */
  record Defect(String name, Consumer<Map<String, Map<String, Object>>> plant, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Defect> defects() {
    return Stream.of(
        new Defect(
            "pipeline publishes a port",
            s -> s.get("pipeline-service").put("ports", List.of("8081:8081")),
            "pipeline-service: publishes ports [8081:8081] (only the gateway may)"),
        new Defect(
            "critic without a healthcheck",
            s -> s.get("critic-service").remove("healthcheck"),
            "critic-service: no healthcheck"),
        new Defect(
            "verifier checked on liveness",
            s ->
                health(s, "verifier-service")
                    .put(
                        "test",
                        List.of("CMD", "cogalign-health", "8084", "/actuator/health/liveness")),
            "verifier-service: its healthcheck [CMD, cogalign-health, 8084, /actuator/health/liveness] is not cogalign-health on its PORT 8084 (readiness)"),
        new Defect(
            "gateway waits for nothing",
            s -> s.get("gateway").put("depends_on", List.of("postgres", "pipeline-service")),
            "gateway: depends_on [postgres, pipeline-service] waits for nothing (use condition: service_healthy)"),
        new Defect(
            "trainer stopped after 30 s",
            s -> s.get("trainer-service").put("stop_grace_period", "30s"),
            "trainer-service: stop_grace_period 30s is not more than its worker's 120 s hand-back"),
        new Defect(
            "trainer storage in the container",
            s -> s.get("trainer-service").remove("volumes"),
            "trainer-service: its storage (COGALIGN_TRAINER_STORAGE_DIR /var/lib/cogalign/trainer) is not on a volume"),
        new Defect(
            "no memory limit",
            s -> s.get("rethink-service").remove("mem_limit"),
            "rethink-service: no mem_limit"),
        new Defect(
            "Ollama always on",
            s -> s.get("ollama").remove("profiles"),
            "ollama: not under the profile llm"),
        new Defect(
            "an agent without the internal token",
            s -> env(s, "verifier-service").remove("COGALIGN_INTERNAL_TOKEN"),
            "verifier-service: COGALIGN_INTERNAL_TOKEN is not set, not the required ${COGALIGN_INTERNAL_TOKEN:?…} from .env"),
        new Defect(
            "a known internal token by default",
            s ->
                env(s, "trainer-service")
                    .put("COGALIGN_INTERNAL_TOKEN", "${COGALIGN_INTERNAL_TOKEN:-change-me}"),
            "trainer-service: COGALIGN_INTERNAL_TOKEN is ${COGALIGN_INTERNAL_TOKEN:-change-me}, not the required ${COGALIGN_INTERNAL_TOKEN:?…} from .env"),
        new Defect(
            "gateway without its admin key",
            s -> env(s, "gateway").remove("COGALIGN_ADMIN_KEY"),
            "gateway: COGALIGN_ADMIN_KEY is not set, not the required ${COGALIGN_ADMIN_KEY:?…} from .env"),
        new Defect(
            "gateway without its database",
            s -> env(s, "gateway").remove("DATABASE_URL"),
            "gateway: no DATABASE_URL (its API keys are kept in PostgreSQL)"),
        new Defect(
            "gateway not waiting for PostgreSQL",
            s -> dependsOn(s, "gateway").remove("postgres"),
            "gateway: does not wait for postgres"),
        new Defect(
            "gateway trusts forwarded headers",
            s -> env(s, "gateway").put("SERVER_FORWARD_HEADERS_STRATEGY", "framework"),
            "gateway: must not get SERVER_FORWARD_HEADERS_STRATEGY"));
  }

  @ParameterizedTest
  @MethodSource("defects")
  void aPlantedDefectIsReported(Defect defect) {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    repositoryCompose().services().forEach((k, v) -> services.put(k, copy(v)));
    defect.plant().accept(services);

    assertThat(ComposeRules.violations(new ComposeFile(services)))
        .containsExactly(defect.expected());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> health(Map<String, Map<String, Object>> s, String service) {
    return (Map<String, Object>) s.get(service).get("healthcheck");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dependsOn(Map<String, Map<String, Object>> s, String service) {
    return (Map<String, Object>) s.get(service).get("depends_on");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(Map<String, Map<String, Object>> s, String service) {
    return (Map<String, Object>) s.get(service).get("environment");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> copy.put(k, v instanceof Map<?, ?> m ? copy((Map<String, Object>) m) : v));
    return copy;
  }
}
