package dev.cogalign.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.launcher.CogAlignCli;
import dev.cogalign.launcher.platform.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

  @TempDir Path dir;

  @Test
  void defaultsToFiftyProblemsFiveStepsGatewayOn8080AndOutputUnderDataDir() throws Exception {
    Path model = tinyModel();
    Path rows = Files.writeString(dir.resolve("rows.jsonl"), "{}\n");
    DemoCommand demo =
        parse(
            "--data-dir",
            dir.resolve("data").toString(),
            "--gsm8k",
            rows.toString(),
            "--model",
            model.toString());

    DemoPlan plan = demo.plan();
    assertThat(plan.problems()).isEqualTo(50);
    assertThat(plan.steps()).isEqualTo(5);
    assertThat(plan.out()).isEqualTo(dir.resolve("data").resolve("demo").toAbsolutePath());
    assertThat(plan.timeout()).isEqualTo(Duration.ofMinutes(10));

    PlatformSettings settings = demo.settings();
    assertThat(settings.gatewayPort()).isEqualTo(8080);
    assertThat(settings.externalDatabase()).isNull();
    assertThat(settings.dataDirectory()).isEqualTo(dir.resolve("data"));
    assertThat(settings.properties())
        .containsEntry("cogalign.agent.backend", "rules")
        .containsEntry(
            "cogalign.trainer.storage-dir", dir.resolve("data").resolve("trainer").toString());
  }

  @Test
  void userPropertiesWinOverTheDemoDefaults() {
    DemoCommand demo =
        parse("--data-dir", dir.toString(), "-Dcogalign.trainer.storage-dir=/elsewhere");
    assertThat(demo.settings().properties())
        .containsEntry("cogalign.trainer.storage-dir", "/elsewhere");
  }

  @Test
  void findsGsm8kAndTinyStudentInTheSharedFolderByDefault() {
    DemoPlan plan = parse("--data-dir", dir.toString(), "--problems", "3", "--steps", "1").plan();
    assertThat(plan.gsm8k())
        .endsWith(Path.of("shared", "data", "gsm8k", "train.jsonl"))
        .isRegularFile();
    assertThat(plan.model().resolve("config.json")).isRegularFile();
    assertThat(plan.model()).endsWith(Path.of("hf-tiny", "qwen2-tiny"));
  }

  @Test
  void refusesZeroProblemsAndAMissingStudentAsUsageErrors() throws Exception {
    CommandLine cli = CogAlignCli.commandLine();
    cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    assertThat(cli.execute("demo", "--data-dir", dir.toString(), "--problems", "0")).isEqualTo(2);
    assertThat(
            cli.execute(
                "demo", "--data-dir", dir.toString(), "--model", dir.resolve("nothing").toString()))
        .isEqualTo(2);
    assertThat(dir.resolve("postgres")).doesNotExist();
  }

  private Path tinyModel() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("config.json"), "{}");
    return model;
  }

  private static DemoCommand parse(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult parsed = CogAlignCli.commandLine().parseArgs(all);
    return (DemoCommand) parsed.subcommand().commandSpec().userObject();
  }
}
