package dev.cogalign.launcher.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.launcher.CogAlignCli;
import dev.cogalign.launcher.platform.PlatformSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpCommandTest {

  @Test
  void defaultsToGatewayOn8080EmbeddedDatabaseInDataAndFreeServicePorts() {
    PlatformSettings settings = parse();

    assertThat(settings.gatewayPort()).isEqualTo(8080);
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("./data"));
    assertThat(settings.externalDatabase()).isNull();
    assertThat(settings.servicePortBase()).isZero();
    assertThat(settings.properties()).isEmpty();
  }

  @Test
  void takesExternalDatabasePortsAndPropertiesFromOptions() {
    PlatformSettings settings =
        parse(
            "--port",
            "9090",
            "--data-dir",
            "/tmp/x",
            "--database-url",
            "jdbc:postgresql://db:5432/cogalign",
            "--database-user",
            "alice",
            "--database-password",
            "secret",
            "--service-port-base",
            "9100",
            "-Dcogalign.agent.backend=llm",
            "--property",
            "logging.level.root=INFO");

    assertThat(settings.gatewayPort()).isEqualTo(9090);
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/tmp/x"));
    assertThat(settings.externalDatabase().url()).isEqualTo("jdbc:postgresql://db:5432/cogalign");
    assertThat(settings.externalDatabase().username()).isEqualTo("alice");
    assertThat(settings.externalDatabase().password()).isEqualTo("secret");
    assertThat(settings.servicePortBase()).isEqualTo(9100);
    assertThat(settings.properties())
        .isEqualTo(Map.of("cogalign.agent.backend", "llm", "logging.level.root", "INFO"));
  }

  @Test
  void rejectsDatabaseUrlThatIsNotPostgres() {
    assertThatThrownBy(() -> parse("--database-url", "jdbc:h2:mem:x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:h2:mem:x");
  }

  @Test
  void rejectsPortOutOfRange() {
    assertThatThrownBy(() -> parse("--port", "70000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gateway port 70000 is not in 0..65535");
  }

  @Test
  void listsEverySubcommand() {
    assertThat(CogAlignCli.commandLine().getSubcommands())
        .containsOnlyKeys(
            "help",
            "up",
            "score",
            "generate",
            "train",
            "eval",
            "demo",
            "experiment",
            "worker",
            "service");
  }

  @Test
  void refusesToRunAServiceThatDoesNotExistNamingTheServices() {
    CommandLine cli = CogAlignCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("service", "billing-service", "--", "--server.port=0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown service 'billing-service'")
        .contains("critic-service, rethink-service, verifier-service, pipeline-service,");
  }

  @Test
  void reportsFailedCommandOnStandardErrorWithExitCode1() {
    CommandLine cli = CogAlignCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("up", "--database-url", "jdbc:mysql://db/x");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("up failed: database url jdbc:mysql://db/x is not a PostgreSQL JDBC url");
  }

  private static PlatformSettings parse(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "up";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult parsed = CogAlignCli.commandLine().parseArgs(all);
    return ((UpCommand) parsed.subcommand().commandSpec().userObject()).settings();
  }
}
