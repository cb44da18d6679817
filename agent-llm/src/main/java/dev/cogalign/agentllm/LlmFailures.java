package dev.cogalign.agentllm;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/** What a failed model call tells the retry policy: its HTTP status, Retry-After, transience. */
final class LlmFailures {
  private static final int MAX_BODY_CHARS = 300;

  private LlmFailures() {}

  /** The HTTP status the server answered with, empty when it did not answer. */
  static Optional<Integer> status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OpenAIServiceException e) {
        return Optional.of(e.statusCode());
      }
      if (t instanceof ServerHttpError e) {
        return Optional.of(e.status());
      }
      if (t instanceof RestClientResponseException e) {
        return Optional.of(e.getStatusCode().value());
      }
    }
    return Optional.empty();
  }

  /** The server's {@code Retry-After} header, empty when absent. */
  static Optional<String> retryAfterHeader(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OpenAIServiceException e) {
        List<String> values = e.headers().values("retry-after");
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
      }
      if (t instanceof ServerHttpError e) {
        return Optional.ofNullable(e.retryAfter());
      }
      if (t instanceof RestClientResponseException e && e.getResponseHeaders() != null) {
        return Optional.ofNullable(e.getResponseHeaders().getFirst("Retry-After"));
      }
    }
    return Optional.empty();
  }

  /** A {@code Retry-After} value (delay seconds or an HTTP date) as a wait from now. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** Whether another attempt may succeed: 408, 429, 5xx, time-outs and I/O failures. */
  static boolean transientFailure(Throwable failure) {
    Optional<Integer> status = status(failure);
    if (status.isPresent()) {
      int s = status.get();
      return s == 408 || s == 429 || s >= 500;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CallNotPermittedException || t instanceof RequestNotPermitted) {
        return false;
      }
      if (t instanceof TimeoutException
          || t instanceof IOException
          || t instanceof OpenAIIoException
          || t instanceof ResourceAccessException) {
        return true;
      }
    }
    return false;
  }

  /** Whether the failure is a time-out (of the time limiter or the HTTP client). */
  static boolean timeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
        return true;
      }
      if (t instanceof java.io.InterruptedIOException
          && !(t instanceof java.net.ConnectException)) {
        return true;
      }
    }
    return false;
  }

  /** A one-line reason: the status and the start of the server's error body, or the failure. */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OpenAIServiceException e) {
        String body = e.body() == null ? "" : e.body().toString();
        return "HTTP " + e.statusCode() + (body.isBlank() ? "" : ": " + clip(body));
      }
      if (t instanceof ServerHttpError e) {
        return clip(e.getMessage());
      }
      if (t instanceof RestClientResponseException e) {
        return "HTTP "
            + e.getStatusCode().value()
            + (e.getResponseBodyAsString().isBlank()
                ? ""
                : ": " + clip(e.getResponseBodyAsString()));
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + clip(message));
  }

  private static String clip(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_BODY_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_BODY_CHARS) + "…";
  }
}
