package dev.cogalign.pipeline.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogalign.crv.agent.AgentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

class AgentUnavailableTest {

  private static ResourceAccessException refused() {
    return new ResourceAccessException(
        "I/O error on POST request for http://localhost:1/api/v1/verifications: Connection"
            + " refused",
        new ConnectException("Connection refused"));
  }

  private static HttpServerErrorException answered(HttpStatus status) {
    return HttpServerErrorException.create(
        status, status.getReasonPhrase(), HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8);
  }

  @Test
  void asksAgainWhileTheServiceRefusesConnectionsAndReturnsItsAnswer() {
    AtomicInteger calls = new AtomicInteger();

    String answer =
        AgentUnavailable.retrying(
            "critic",
            Duration.ofSeconds(10),
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw refused();
              }
              return "critique";
            });

    assertThat(answer).isEqualTo("critique");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aDroppedConnectionAndA503AreUnreachableButAReadTimeoutAndA502AreNot() {
    assertThat(AgentUnavailable.unreachable(refused())).isTrue();
    assertThat(
            AgentUnavailable.unreachable(
                new ResourceAccessException("x", new SocketException("Connection reset"))))
        .isTrue();
    assertThat(
            AgentUnavailable.unreachable(
                new ResourceAccessException("x", new SocketTimeoutException("Connect timed out"))))
        .isTrue();
    assertThat(AgentUnavailable.unreachable(answered(HttpStatus.SERVICE_UNAVAILABLE))).isTrue();
    // the process died while its answer was being read
    assertThat(
            AgentUnavailable.unreachable(
                new RestClientException(
                    "Error while extracting response", new IOException("Premature EOF"))))
        .isTrue();

    assertThat(
            AgentUnavailable.unreachable(
                new ResourceAccessException("x", new SocketTimeoutException("Read timed out"))))
        .isFalse();
    assertThat(AgentUnavailable.unreachable(answered(HttpStatus.BAD_GATEWAY))).isFalse();
    assertThat(AgentUnavailable.unreachable(new RestClientException("no converter"))).isFalse();
    assertThat(AgentUnavailable.unreachable(new IllegalStateException("not an HTTP failure")))
        .isFalse();
  }

  @Test
  void anAnsweredFailureIsNotAskedAgain() {
    AtomicInteger calls = new AtomicInteger();
    RuntimeException readTimeout =
        new ResourceAccessException("x", new SocketTimeoutException("Read timed out"));

    assertThatThrownBy(
            () ->
                AgentUnavailable.retrying(
                    "rethinker",
                    Duration.ofSeconds(10),
                    () -> {
                      calls.incrementAndGet();
                      throw readTimeout;
                    }))
        .isSameAs(readTimeout);
    assertThat(calls).hasValue(1);
  }

  @Test
  void givesUpAfterTheTimeoutNamingTheAgentAndTheAttempts() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                AgentUnavailable.retrying(
                    "verifier at http://localhost:1",
                    Duration.ofMillis(1500),
                    () -> {
                      calls.incrementAndGet();
                      throw refused();
                    }))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("verifier at http://localhost:1 unreachable for PT1.5S")
        .hasMessageContaining("3 attempts")
        .hasMessageContaining("Connection refused");
    // pauses of 250 ms and 500 ms fit in 1.5 s, the third (1 s, after 750 ms) does not
    assertThat(calls).hasValue(3);
  }
}
