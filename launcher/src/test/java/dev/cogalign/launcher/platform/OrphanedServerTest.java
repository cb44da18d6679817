package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedServerTest {

  @TempDir Path dataDirectory;

  @Test
  void leavesDirectoryWithoutPidFileAlone() {
    assertThat(OrphanedServer.stopIfPresent(dataDirectory)).isFalse();
  }

  @Test
  void neverStopsProcessThatIsNotPostgres() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      Files.writeString(dataDirectory.resolve("postmaster.pid"), sleeper.pid() + "\n/data\n");

      assertThat(OrphanedServer.stopIfPresent(dataDirectory)).isFalse();
      assertThat(sleeper.isAlive()).isTrue();
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void ignoresPidFileOfProcessThatNoLongerExists() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    Files.writeString(dataDirectory.resolve("postmaster.pid"), done.pid() + "\n");

    assertThat(OrphanedServer.stopIfPresent(dataDirectory)).isFalse();
  }

  @Test
  void stopsPostgresLeftRunningWhenNobodyHoldsTheLock(@TempDir Path bin) throws Exception {
    Process orphan = fakePostgres(bin);
    try {
      Files.writeString(dataDirectory.resolve("postmaster.pid"), orphan.pid() + "\n");

      assertThat(OrphanedServer.stopIfPresent(dataDirectory)).isTrue();
      assertThat(orphan.isAlive()).isFalse();
    } finally {
      orphan.destroyForcibly();
    }
  }

  @Test
  void leavesPostgresAloneWhileALauncherHoldsTheLock(@TempDir Path bin) throws Exception {
    Process running = fakePostgres(bin);
    try (FileChannel channel =
            FileChannel.open(
                dataDirectory.resolve(OrphanedServer.LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      Files.writeString(dataDirectory.resolve("postmaster.pid"), running.pid() + "\n");

      assertThat(OrphanedServer.stopIfPresent(dataDirectory)).isFalse();
      assertThat(running.isAlive()).isTrue();
    } finally {
      running.destroyForcibly();
    }
  }

  /** A long-lived process whose executable is named {@code postgres} (a copy of sleep). */
  private static Process fakePostgres(Path bin) throws Exception {
    Path postgres = bin.resolve("postgres");
    Files.copy(Path.of("/bin/sleep"), postgres);
    postgres.toFile().setExecutable(true);
    Process process = new ProcessBuilder(postgres.toString(), "60").start();
    assertThat(process.info().command())
        .hasValueSatisfying(c -> assertThat(c).endsWith("/postgres"));
    return process;
  }
}
