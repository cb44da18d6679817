package dev.cogalign.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.launcher.CogAlignCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code cogalign demo} for real, small: 10 problems, 2 training steps per job. */
class DemoCommandIT {

  @TempDir Path dataDirectory;

  @Test
  void demoRunsCrvSftAndCogpoThroughTheGatewayAndWritesPairsAndTrainedModel() throws Exception {
    Path out = dataDirectory.resolve("out");
    CommandLine cli = CogAlignCli.commandLine();
    StringWriter printed = new StringWriter();
    cli.setOut(new PrintWriter(printed, true));
    StringWriter errors = new StringWriter();
    cli.setErr(new PrintWriter(errors, true));

    long started = System.nanoTime();
    int exit =
        cli.execute(
            "demo",
            "--port",
            "0",
            "--data-dir",
            dataDirectory.toString(),
            "--problems",
            "10",
            "--steps",
            "2",
            "--out",
            out.toString());
    double seconds = (System.nanoTime() - started) / 1e9;
    String output = printed.toString();
    System.out.println(output);
    System.out.printf("demo with 10 problems and 2 steps took %.1f s%n", seconds);

    assertThat(exit).as(errors.toString()).isZero();
    assertThat(output)
        .contains("curl -s -X POST http://localhost:")
        .contains(
            "-H \"Authorization: Bearer $(cat "
                + dataDirectory.resolve("admin.key").toAbsolutePath().normalize()
                + ")\"")
        .contains("/api/v1/runs/{id}".replace("{id}", ""))
        .contains("Demo done in");

    assertThat(Files.getPosixFilePermissions(dataDirectory.resolve("admin.key")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    List<String> pairs = Files.readAllLines(out.resolve("pairs.jsonl"), StandardCharsets.UTF_8);
    assertThat(pairs).isNotEmpty();
    JsonMapper json = JsonMapper.builder().build();
    for (String line : pairs) {
      JsonNode pair = json.readTree(line);
      assertThat(pair.get("mini_task").asString()).isIn("ALIGN", "CALIBRATE", "CORRECT");
      assertThat(pair.get("chosen").asString()).isNotEqualTo(pair.get("rejected").asString());
    }
    assertThat(Files.readAllLines(out.resolve("problems.jsonl"))).hasSize(10);
    assertThat(Files.readAllLines(out.resolve("sft.jsonl"))).isNotEmpty();
    Path model = out.resolve("model");
    assertThat(model.resolve("config.json")).isRegularFile();
    try (var files = Files.list(model)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anySatisfy(name -> assertThat(name).endsWith(".safetensors"));
    }
    assertThat(output).contains("COGPO").contains("rewards/margins");
    assertThat(output).containsPattern("model \\d+ BASE");
    assertThat(output).containsPattern("model \\d+ COGPO");
  }

  @Test
  void refusesAMissingGsm8kFileBeforeStartingAnything() {
    CommandLine cli = CogAlignCli.commandLine();
    StringWriter errors = new StringWriter();
    cli.setErr(new PrintWriter(errors, true));
    int exit =
        cli.execute(
            "demo",
            "--port",
            "0",
            "--data-dir",
            dataDirectory.toString(),
            "--gsm8k",
            dataDirectory.resolve("nothing.jsonl").toString());
    assertThat(exit).isEqualTo(2);
    assertThat(errors.toString()).contains("no GSM8K file at");
    assertThat(dataDirectory.resolve("postgres")).doesNotExist();
  }
}
