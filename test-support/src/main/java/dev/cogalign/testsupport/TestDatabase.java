package dev.cogalign.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;

/**
 * The PostgreSQL every integration test of the build runs on, one per test JVM, started on first
 * use and stopped at exit: a Testcontainers PostgreSQL of {@link #POSTGRES_IMAGE} when a container
 * engine is reachable, the embedded (zonky) PostgreSQL otherwise. This is the one switch: {@code
 * -Dcogalign.test.database=embedded|container} (or {@code COGALIGN_TEST_DATABASE}) forces a side,
 * {@code auto} (the default) asks Testcontainers whether Docker answers. The choice and why are
 * printed on standard output when the first test asks for the database.
 *
 * <p>Both sides give the same user and password ({@link #USER}, {@link #PASSWORD}) and a JDBC URL
 * that carries them, so a test written for one runs unchanged on the other.
 */
public final class TestDatabase {
  /**
   * The image docker-compose.yml and the k8s local overlay deploy; deploy-check's {@code
   * ImageRulesTest} fails when they differ from it. The embedded side runs the same PostgreSQL
   * version (zonky's binaries, {@code postgres-binaries.version} in the parent pom).
   */
  public static final String POSTGRES_IMAGE = "postgres:18.1-bookworm";

  public static final String PROPERTY = "cogalign.test.database";
  public static final String ENVIRONMENT = "COGALIGN_TEST_DATABASE";
  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  /** Which PostgreSQL the tests of this JVM run on. */
  public enum Kind {
    EMBEDDED,
    CONTAINER
  }

  private static Kind kind;
  private static String jdbcUrl;

  private TestDatabase() {}

  /** The database's JDBC URL, with {@link #USER} and {@link #PASSWORD} in it. */
  public static synchronized String jdbcUrl() {
    if (jdbcUrl == null) {
      Choice choice = choose(System.getProperty(PROPERTY, System.getenv(ENVIRONMENT)));
      System.out.println("TestDatabase: " + choice.kind() + " PostgreSQL, " + choice.why());
      jdbcUrl =
          switch (choice.kind()) {
            case CONTAINER -> ContainerPostgres.start(POSTGRES_IMAGE, USER, PASSWORD);
            case EMBEDDED -> EmbeddedTestPostgres.start(USER, PASSWORD);
          };
      kind = choice.kind();
    }
    return jdbcUrl;
  }

  /**
   * Spring's {@code spring.datasource.*} for this database, each value supplied when first asked
   * (the database starts then): {@code springDataSource().forEach(registry::add)} in a test's
   * {@code @DynamicPropertySource}.
   */
  public static Map<String, Supplier<Object>> springDataSource() {
    return Map.of(
        "spring.datasource.url", TestDatabase::jdbcUrl,
        "spring.datasource.username", () -> USER,
        "spring.datasource.password", () -> PASSWORD);
  }

  /** The side this JVM's tests run on (starts the database when no test has yet). */
  public static synchronized Kind kind() {
    jdbcUrl();
    return kind;
  }

  record Choice(Kind kind, String why) {}

  static Choice choose(String setting) {
    String value = setting == null || setting.isBlank() ? "auto" : setting.trim();
    Map<String, Kind> forced = Map.of("embedded", Kind.EMBEDDED, "container", Kind.CONTAINER);
    Kind chosen = forced.get(value.toLowerCase(Locale.ROOT));
    if (chosen != null) {
      return new Choice(chosen, "as -D" + PROPERTY + "=" + value + " asks");
    }
    if (!value.equalsIgnoreCase("auto")) {
      throw new IllegalArgumentException(
          PROPERTY + "=" + value + " is not one of auto, embedded, container");
    }
    return DockerClientFactory.instance().isDockerAvailable()
        ? new Choice(Kind.CONTAINER, "a container engine is reachable (" + POSTGRES_IMAGE + ")")
        : new Choice(
            Kind.EMBEDDED,
            "no container engine is reachable (-D" + PROPERTY + "=container requires one)");
  }
}
