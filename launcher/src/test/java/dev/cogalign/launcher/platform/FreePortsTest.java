package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.launcher.platform.FreePorts.Range;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

  @Test
  void picksDifferentBindablePortsOutsideTheEphemeralRange() throws IOException {
    Range ephemeral = FreePorts.ephemeralRange(FreePorts.EPHEMERAL_RANGE_FILE);

    List<Integer> ports = FreePorts.pick(5, Set.of());

    assertThat(new HashSet<>(ports)).hasSize(5);
    assertThat(ports).noneMatch(ephemeral::contains).allMatch(port -> port >= FreePorts.LOWEST);
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket(port)) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void skipsTakenPortsAndPortsInUse() throws IOException {
    // everything outside a narrow ephemeral range is one of three ports: one taken by the caller,
    // one listened on by another socket, one free
    try (ServerSocket inUse = new ServerSocket(0)) {
      int listening = inUse.getLocalPort();
      int taken = listening == FreePorts.HIGHEST ? listening - 1 : listening + 1;
      int free = taken == FreePorts.HIGHEST ? listening - 1 : taken + 1;
      int low = Math.min(listening, Math.min(taken, free));
      int high = Math.max(listening, Math.max(taken, free));
      Range everythingElse = new Range(FreePorts.LOWEST, low - 1);
      Set<Integer> alsoOutside = new HashSet<>();
      for (int port = high + 1; port <= FreePorts.HIGHEST; port++) {
        alsoOutside.add(port);
      }
      alsoOutside.add(taken);

      List<Integer> ports = FreePorts.pick(1, alsoOutside, everythingElse);

      assertThat(ports).containsExactly(free);
    }
  }

  @Test
  void fallsBackToPortsTheKernelPicksWhenNoneAreOutsideItsRange() {
    List<Integer> ports =
        FreePorts.pick(2, Set.of(), new Range(FreePorts.LOWEST, FreePorts.HIGHEST));

    assertThat(new HashSet<>(ports)).hasSize(2).allMatch(port -> port > 0);
  }

  @Test
  void readsTheRangeTheKernelGivesElseLinuxDefault(@TempDir Path folder) throws IOException {
    Path file = Files.writeString(folder.resolve("ip_local_port_range"), "40000\t50000\n");

    assertThat(FreePorts.ephemeralRange(file)).isEqualTo(new Range(40000, 50000));
    assertThat(FreePorts.ephemeralRange(folder.resolve("absent")))
        .isEqualTo(FreePorts.LINUX_DEFAULT_EPHEMERAL);
  }
}
