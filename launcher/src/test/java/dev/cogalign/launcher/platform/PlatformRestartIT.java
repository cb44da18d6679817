package dev.cogalign.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.launcher.CogAlignCli;
import dev.cogalign.launcher.up.UpCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cogalign up} for real: embedded PostgreSQL on a fresh data directory and every service in
 * this JVM on free ports; a dataset created through the gateway is still there after a stop and a
 * start on the same directory.
 */
class PlatformRestartIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @TempDir Path dataDirectory;

  @Test
  void keepsDatasetCreatedThroughGatewayAcrossRestartOnSameDataDirectory() throws Exception {
    PlatformSettings settings = upSettings("--port", "0", "--data-dir", dataDirectory.toString());

    String datasetId;
    try (Platform platform = Platform.start(settings)) {
      assertThat(platform.embeddedDatabase()).isTrue();
      HttpResponse<String> health = get(platform.gatewayUrl().resolve("/actuator/health"));
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
      for (Service service : Service.values()) {
        HttpResponse<String> own = get(platform.urls().get(service).resolve("/actuator/health"));
        assertThat(own.statusCode()).as(service.configName()).isEqualTo(200);
      }

      for (String path : new String[] {"/api/v1/jobs", "/api/v1/models"}) {
        HttpResponse<String> trainer = get(platform.gatewayUrl().resolve(path));
        assertThat(trainer.statusCode()).as(path + " " + trainer.body()).isEqualTo(200);
      }

      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(platform.gatewayUrl().resolve("/api/v1/datasets"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"survives-restart\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      datasetId = json.readTree(created.body()).get("id").asText();
    }

    try (Platform platform = Platform.start(settings)) {
      HttpResponse<String> found =
          get(platform.gatewayUrl().resolve("/api/v1/datasets/" + datasetId));
      assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
      JsonNode dataset = json.readTree(found.body());
      assertThat(dataset.get("name").asText()).isEqualTo("survives-restart");
    }
  }

  private static PlatformSettings upSettings(String... args) {
    CommandLine cli = CogAlignCli.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs(prepend("up", args));
    UpCommand up = (UpCommand) parsed.subcommand().commandSpec().userObject();
    return up.settings();
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
