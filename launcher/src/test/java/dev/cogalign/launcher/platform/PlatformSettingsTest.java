package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

  @Test
  void rejectsServicePortBaseWithoutRoomForFiveServices() {
    assertThatThrownBy(() -> new PlatformSettings(8080, Path.of("d"), null, 65533, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service port base 65533 leaves no room for the services");
  }

  @Test
  void rejectsTwoServicesOnOnePort() {
    PlatformSettings settings = new PlatformSettings(8083, Path.of("d"), null, 8081, Map.of());

    assertThatThrownBy(() -> Platform.start(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port 8083 is given to both rethink-service and gateway");
  }
}
