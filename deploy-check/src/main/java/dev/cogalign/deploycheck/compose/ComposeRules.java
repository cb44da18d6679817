package dev.cogalign.deploycheck.compose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What docker-compose.yml must keep: PostgreSQL and every CogAlign service, each service but
 * PostgreSQL with a healthcheck (the CogAlign services' on {@code /actuator/health/readiness}),
 * {@code depends_on} waiting for {@code service_healthy}, a memory limit everywhere, ports
 * published by the gateway only, the trainer's storage on a volume and a stop grace longer than its
 * worker's 120 s hand-back, no forwarded-headers setting for the gateway, Ollama only under its
 * profile. The secrets: every CogAlign service gets {@value #INTERNAL_TOKEN}, the gateway also
 * {@value #ADMIN_KEY}, each as a required variable ({@code ${NAME:?message}}: compose refuses to
 * start without it rather than run the services open or with a known secret), and the gateway the
 * database settings (it keeps its API keys in PostgreSQL) and waits for PostgreSQL.
 */
public final class ComposeRules {

  static final String DATABASE = "postgres";
  static final String GATEWAY = "gateway";
  static final Set<String> SERVICES =
      Set.of(
          GATEWAY,
          "pipeline-service",
          "critic-service",
          "rethink-service",
          "verifier-service",
          "trainer-service");

  static final String INTERNAL_TOKEN = "COGALIGN_INTERNAL_TOKEN";
  static final String ADMIN_KEY = "COGALIGN_ADMIN_KEY";
  static final List<String> DATABASE_SETTINGS =
      List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD");

  /** cogalign-health's default path (docker/healthcheck.sh). */
  static final String READINESS = "/actuator/health/readiness";

  private ComposeRules() {}

  public static List<String> violations(ComposeFile compose) {
    List<String> violations = new ArrayList<>();
    Map<String, Map<String, Object>> services = compose.services();
    if (!services.containsKey(DATABASE)) {
      violations.add("no " + DATABASE + " service");
    }
    SERVICES.stream()
        .filter(s -> !services.containsKey(s))
        .forEach(s -> violations.add("no " + s + " service"));
    services.forEach(
        (name, s) -> {
          if (!name.equals(DATABASE)) {
            healthcheck(name, s, violations);
          }
          if (s.containsKey("ports") && !name.equals(GATEWAY)) {
            violations.add(
                name + ": publishes ports " + s.get("ports") + " (only the gateway may)");
          }
          if (!s.containsKey("mem_limit")) {
            violations.add(name + ": no mem_limit");
          }
          dependsOn(name, s.get("depends_on"), violations);
          if (name.equals("ollama") && !String.valueOf(s.get("profiles")).contains("llm")) {
            violations.add(name + ": not under the profile llm");
          }
        });
    if (services.containsKey("trainer-service")) {
      trainer(services.get("trainer-service"), violations);
    }
    if (services.containsKey(GATEWAY)
        && environment(services.get(GATEWAY)).containsKey("SERVER_FORWARD_HEADERS_STRATEGY")) {
      violations.add(GATEWAY + ": must not get SERVER_FORWARD_HEADERS_STRATEGY");
    }
    SERVICES.stream()
        .sorted()
        .filter(services::containsKey)
        .forEach(name -> required(name, services.get(name), INTERNAL_TOKEN, violations));
    if (services.containsKey(GATEWAY)) {
      gateway(services.get(GATEWAY), violations);
    }
    return violations;
  }

  private static void gateway(Map<String, Object> gateway, List<String> violations) {
    required(GATEWAY, gateway, ADMIN_KEY, violations);
    Map<String, Object> env = environment(gateway);
    DATABASE_SETTINGS.stream()
        .filter(setting -> !env.containsKey(setting))
        .forEach(
            setting ->
                violations.add(
                    GATEWAY + ": no " + setting + " (its API keys are kept in PostgreSQL)"));
    Object dependsOn = gateway.get("depends_on");
    boolean names =
        dependsOn instanceof Map<?, ?> map
            ? map.containsKey(DATABASE)
            : dependsOn instanceof List<?> list && list.contains(DATABASE);
    if (!names) {
      violations.add(GATEWAY + ": does not wait for " + DATABASE);
    }
  }

  /** {@code variable} set to {@code ${variable:?message}}: from .env, no default. */
  private static void required(
      String name, Map<String, Object> s, String variable, List<String> violations) {
    Object value = environment(s).get(variable);
    if (value == null || !String.valueOf(value).startsWith("${" + variable + ":?")) {
      violations.add(
          name
              + ": "
              + variable
              + (value == null ? " is not set" : " is " + value)
              + ", not the required ${"
              + variable
              + ":?…} from .env");
    }
  }

  private static void healthcheck(String name, Map<String, Object> s, List<String> violations) {
    if (!(s.get("healthcheck") instanceof Map<?, ?> health)
        || !(health.get("test") instanceof List<?> test)
        || test.isEmpty()
        || "NONE".equals(test.get(0))
        || Boolean.TRUE.equals(health.get("disable"))) {
      violations.add(name + ": no healthcheck");
      return;
    }
    if (!SERVICES.contains(name)) {
      return;
    }
    String port = String.valueOf(environment(s).get("PORT"));
    List<String> words = test.stream().map(String::valueOf).toList();
    boolean readiness =
        words.equals(List.of("CMD", "cogalign-health", port))
            || words.equals(List.of("CMD", "cogalign-health", port, READINESS));
    if (!readiness) {
      violations.add(
          name
              + ": its healthcheck "
              + words
              + " is not cogalign-health on its PORT "
              + port
              + " (readiness)");
    }
  }

  private static void dependsOn(String name, Object dependsOn, List<String> violations) {
    if (dependsOn == null) {
      return;
    }
    if (!(dependsOn instanceof Map<?, ?> map)) {
      violations.add(
          name
              + ": depends_on "
              + dependsOn
              + " waits for nothing (use condition: service_healthy)");
      return;
    }
    map.forEach(
        (dependency, spec) -> {
          Object condition = spec instanceof Map<?, ?> m ? m.get("condition") : null;
          if (!"service_healthy".equals(condition)) {
            violations.add(
                name
                    + ": depends_on "
                    + dependency
                    + " with condition "
                    + condition
                    + ", not service_healthy");
          }
        });
  }

  private static void trainer(Map<String, Object> trainer, List<String> violations) {
    Object dir = environment(trainer).get("COGALIGN_TRAINER_STORAGE_DIR");
    boolean onVolume =
        dir != null
            && trainer.get("volumes") instanceof List<?> volumes
            && volumes.stream().anyMatch(v -> String.valueOf(v).endsWith(":" + dir));
    if (!onVolume) {
      violations.add(
          "trainer-service: its storage (COGALIGN_TRAINER_STORAGE_DIR "
              + dir
              + ") is not on a volume");
    }
    Object grace = trainer.get("stop_grace_period");
    if (grace == null || seconds(String.valueOf(grace)) <= 120) {
      violations.add(
          "trainer-service: stop_grace_period "
              + grace
              + " is not more than its worker's 120 s hand-back");
    }
  }

  private static long seconds(String compose) {
    String s = compose.strip();
    if (s.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1))).toSeconds();
    }
    return Long.parseLong(s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    return service.get("environment") instanceof Map<?, ?> env
        ? (Map<String, Object>) env
        : Map.of();
  }
}
