package dev.cogalign.serviceweb.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Tomcat with {@link ServletErrorsConfiguration}: requests the container refuses itself, or
 * that fail before a controller, get problem+json, never Tomcat's HTML page or Boot's error JSON.
 * Sent over a raw socket, byte for byte, as a hostile client would.
 */
@SpringBootTest(
    classes = ServletErrorsTest.Service.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServletErrorsTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({ServletErrorsConfiguration.class, Echo.class})
  static class Service {}

  @RestController
  static class Echo {
    @GetMapping("/echo")
    String echo(@RequestParam String q) {
      return q;
    }
  }

  @LocalServerPort int port;

  @Test
  void aPathTheContainerRefusesGetsAProblemNotTomcatsPage() throws IOException {
    for (String path : new String[] {"/echo%00", "/echo%C3%28", "/a%2Fb"}) {
      String response = get(path);

      assertThat(response).as(path).startsWith("HTTP/1.1 400");
      assertThat(response).as(path).containsIgnoringCase("content-type: application/problem+json");
      assertThat(response).as(path).contains("\"type\":\"urn:cogalign:problem:request-error\"");
      assertThat(response).as(path).doesNotContain("<html");
    }
  }

  @Test
  void anUndecodableQueryStringAndAnUnknownPathGetProblemsFromTheErrorDispatch()
      throws IOException {
    String badQuery = get("/echo?q=%ZZ");
    String unknown = get("/nothing-here");

    assertThat(badQuery).startsWith("HTTP/1.1 400");
    assertThat(badQuery).containsIgnoringCase("content-type: application/problem+json");
    assertThat(unknown).startsWith("HTTP/1.1 404");
    assertThat(unknown).containsIgnoringCase("content-type: application/problem+json");
  }

  @Test
  void aGoodRequestIsUntouched() throws IOException {
    assertThat(get("/echo?q=fine")).startsWith("HTTP/1.1 200").contains("fine");
  }

  private String get(String rawPath) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
