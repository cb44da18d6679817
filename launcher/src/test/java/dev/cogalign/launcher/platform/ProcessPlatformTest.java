package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessPlatformTest {

  @Test
  void fixesEveryPortBeforeTheFirstStartKeepingTheConfiguredOnes() {
    Map<Service, Integer> ports =
        ProcessPlatform.fixedPorts(new PlatformSettings(18080, Path.of("data"), null, 0, Map.of()));

    assertThat(ports).containsEntry(Service.GATEWAY, 18080).hasSize(Service.values().length);
    assertThat(ports.values()).allMatch(port -> port > 0);
    assertThat(new HashSet<>(ports.values())).hasSize(Service.values().length);
  }

  @Test
  void keepsTheServicePortBase() {
    Map<Service, Integer> ports =
        ProcessPlatform.fixedPorts(new PlatformSettings(0, Path.of("data"), null, 9081, Map.of()));

    assertThat(ports).containsEntry(Service.PIPELINE, 9081).containsEntry(Service.TRAINER, 9085);
    assertThat(ports.get(Service.GATEWAY)).isPositive();
  }

  @Test
  void theSecretsTravelInTheEnvironmentUnderTheNamesSpringBindsThem() {
    assertThat(ProcessPlatform.SECRET_ARGUMENTS)
        .containsEntry("cogalign.internal.token", "COGALIGN_INTERNAL_TOKEN")
        .containsEntry("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD");
  }
}
