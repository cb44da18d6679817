package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceArgumentsTest {

  private static final DatabaseConnection DATABASE =
      new DatabaseConnection("jdbc:postgresql://localhost:5555/cogalign", "postgres", "pw");

  private int port(Service service) {
    return urls.get(service).getPort();
  }

  private static final Path DATA = Path.of("/srv/cogalign");
  private static final String TOKEN = "internal-token-of-this-start";

  private final Map<Service, URI> urls = new EnumMap<>(Service.class);

  ServiceArgumentsTest() {
    urls.put(Service.CRITIC, URI.create("http://localhost:9001"));
    urls.put(Service.RETHINK, URI.create("http://localhost:9002"));
    urls.put(Service.VERIFIER, URI.create("http://localhost:9003"));
    urls.put(Service.TRAINER, URI.create("http://localhost:9004"));
    urls.put(Service.PIPELINE, URI.create("http://localhost:9005"));
    urls.put(Service.GATEWAY, URI.create("http://localhost:9006"));
  }

  @Test
  void givesEveryServiceItsPortAndEveryPeersUrl() {
    for (Service service : Service.values()) {
      List<String> args =
          ServiceArguments.commandLine(
              service, port(service), urls, DATABASE, DATA, TOKEN, Map.of());
      assertThat(args).contains("--server.port=" + urls.get(service).getPort());
      assertThat(args)
          .contains(
              "--PIPELINE_URL=http://localhost:9005",
              "--CRITIC_URL=http://localhost:9001",
              "--RETHINK_URL=http://localhost:9002",
              "--VERIFIER_URL=http://localhost:9003",
              "--TRAINER_URL=http://localhost:9004",
              "--GATEWAY_URL=http://localhost:9006");
    }
  }

  @Test
  void pointsPipelineAtTheAgentServices() {
    assertThat(
            ServiceArguments.commandLine(
                Service.PIPELINE, port(Service.PIPELINE), urls, DATABASE, DATA, TOKEN, Map.of()))
        .contains(
            "--cogalign.agents.critic-url=http://localhost:9001",
            "--cogalign.agents.rethink-url=http://localhost:9002",
            "--cogalign.agents.verifier-url=http://localhost:9003");
  }

  @Test
  void pointsTrainerAtPipelineAndKeepsItsModelsUnderTheDataDirectory() {
    assertThat(
            ServiceArguments.commandLine(
                Service.TRAINER, port(Service.TRAINER), urls, DATABASE, DATA, TOKEN, Map.of()))
        .contains(
            "--cogalign.trainer.pipeline-url=http://localhost:9005",
            "--cogalign.trainer.storage-dir=/srv/cogalign/trainer");
  }

  @Test
  void confinesTrainerModelPathsToTheDataDirectoryAndAddsTheUsersRoots() {
    List<String> plain =
        ServiceArguments.commandLine(
            Service.TRAINER, port(Service.TRAINER), urls, DATABASE, DATA, TOKEN, Map.of());
    List<String> more =
        ServiceArguments.commandLine(
            Service.TRAINER,
            port(Service.TRAINER),
            urls,
            DATABASE,
            DATA,
            TOKEN,
            Map.of(PlatformSettings.MODEL_ROOTS_PROPERTY, "/models/mine"));

    assertThat(plain)
        .anySatisfy(a -> assertThat(a).startsWith("--cogalign.trainer.model-roots=/srv/cogalign"));
    assertThat(more)
        .filteredOn(a -> a.startsWith("--cogalign.trainer.model-roots="))
        .singleElement()
        .satisfies(a -> assertThat(a).contains("=/srv/cogalign,").endsWith(",/models/mine"));
  }

  @Test
  void bindsAFreePortWhenGivenPortZero() {
    assertThat(
            ServiceArguments.commandLine(Service.CRITIC, 0, urls, DATABASE, DATA, TOKEN, Map.of()))
        .contains("--server.port=0");
  }

  @Test
  void refusesToStartPipelineBeforeTheAgentsItCalls() {
    urls.remove(Service.VERIFIER);

    assertThatThrownBy(
            () ->
                ServiceArguments.commandLine(
                    Service.PIPELINE, 0, urls, DATABASE, DATA, TOKEN, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pipeline-service needs verifier-service, which has not started yet");
  }

  @Test
  void givesDatabaseToPipelineTrainerAndGatewayOnly() {
    for (Service service : List.of(Service.PIPELINE, Service.TRAINER, Service.GATEWAY)) {
      assertThat(
              ServiceArguments.commandLine(
                  service, port(service), urls, DATABASE, DATA, TOKEN, Map.of()))
          .contains(
              "--spring.datasource.url=jdbc:postgresql://localhost:5555/cogalign",
              "--spring.datasource.username=postgres",
              "--spring.datasource.password=pw")
          .noneMatch(arg -> arg.contains("DataSourceAutoConfiguration"));
    }
    for (Service service : List.of(Service.CRITIC, Service.RETHINK, Service.VERIFIER)) {
      List<String> args =
          ServiceArguments.commandLine(
              service, port(service), urls, DATABASE, DATA, TOKEN, Map.of());
      assertThat(args).noneMatch(arg -> arg.startsWith("--spring.datasource"));
      assertThat(args)
          .anyMatch(
              arg ->
                  arg.startsWith("--spring.autoconfigure.exclude=")
                      && arg.contains(
                          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                      && arg.contains(
                          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"));
    }
  }

  @Test
  void givesEveryServiceTheInternalTokenAndTheGatewayItsAdminKeyFile() {
    for (Service service : Service.values()) {
      List<String> args =
          ServiceArguments.commandLine(
              service, port(service), urls, DATABASE, DATA, TOKEN, Map.of());
      assertThat(args).as(service.configName()).contains("--cogalign.internal.token=" + TOKEN);
      if (service == Service.GATEWAY) {
        assertThat(args)
            .contains(
                "--cogalign.security.admin-key-file=" + DATA.resolve("admin.key").toAbsolutePath());
      } else {
        assertThat(args).noneMatch(arg -> arg.contains("admin-key-file"));
      }
    }
    assertThat(
            ServiceArguments.commandLine(
                Service.TRAINER, port(Service.TRAINER), urls, DATABASE, DATA, null, Map.of()))
        .noneMatch(arg -> arg.contains("cogalign.internal.token"));
  }

  @Test
  void keepsGatewayProxyOutOfEveryServiceButGateway() {
    String proxy = "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration";
    assertThat(
            ServiceArguments.commandLine(
                Service.GATEWAY, port(Service.GATEWAY), urls, DATABASE, DATA, TOKEN, Map.of()))
        .noneMatch(arg -> arg.contains(proxy));
    assertThat(
            ServiceArguments.commandLine(
                Service.PIPELINE, port(Service.PIPELINE), urls, DATABASE, DATA, TOKEN, Map.of()))
        .anyMatch(arg -> arg.startsWith("--spring.autoconfigure.exclude=") && arg.contains(proxy));
  }

  @Test
  void keepsJpaOutOfEveryServiceButPipelineAndTrainer() {
    String jpa = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration";
    for (Service service : Service.values()) {
      List<String> args =
          ServiceArguments.commandLine(
              service, port(service), urls, DATABASE, DATA, TOKEN, Map.of());
      if (service == Service.TRAINER || service == Service.PIPELINE) {
        assertThat(args).as(service.configName()).noneMatch(arg -> arg.contains(jpa));
      } else {
        assertThat(args)
            .as(service.configName())
            .anyMatch(
                arg -> arg.startsWith("--spring.autoconfigure.exclude=") && arg.contains(jpa));
      }
    }
  }

  @Test
  void letsUserPropertiesOverrideTheLaunchersOwn() {
    List<String> args =
        ServiceArguments.commandLine(
            Service.CRITIC,
            port(Service.CRITIC),
            urls,
            DATABASE,
            DATA,
            TOKEN,
            Map.of("server.port", "7000", "a.b", "c"));

    assertThat(args).contains("--server.port=7000", "--a.b=c").doesNotContain("--server.port=9001");
  }

  @Test
  void defaultsEachSchemaOwnerToItsOwnMigrationsAndConfigName() {
    assertThat(ServiceArguments.defaults(Service.TRAINER))
        .containsEntry("spring.config.name", "trainer-service")
        .containsEntry("spring.flyway.schemas", "trainer")
        .containsEntry("spring.flyway.locations", "classpath:db/migration/trainer");
    assertThat(ServiceArguments.defaults(Service.PIPELINE))
        .containsEntry("spring.flyway.locations", "classpath:db/migration/crv");
    assertThat(ServiceArguments.defaults(Service.CRITIC))
        .containsEntry("spring.config.name", "critic-service")
        .containsEntry("server.forward-headers-strategy", "framework")
        .doesNotContainKey("spring.flyway.locations");
  }
}
