package dev.cogalign.serviceweb.internal;

import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the platform's internal token to a service's calls to another service (pipeline-service to
 * the agents, trainer-service to pipeline-service). Only for clients of the platform's own
 * services: an LLM endpoint or any other outside server must never see the token.
 */
public final class InternalTokenInterceptor implements ClientHttpRequestInterceptor {

  private final String token;

  public InternalTokenInterceptor(InternalProperties properties) {
    this.token = properties.token();
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    if (!token.isEmpty()) {
      request.getHeaders().set(InternalHeaders.TOKEN, token);
    }
    return execution.execute(request, body);
  }
}
