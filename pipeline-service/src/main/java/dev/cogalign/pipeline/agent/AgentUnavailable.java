package dev.cogalign.pipeline.agent;

import dev.cogalign.crv.agent.AgentException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * An agent service that cannot be reached, as opposed to one that answered with a failure: the
 * connection was refused, reset or closed before the whole answer was read (the process died or is
 * restarting), a connection could not be made in time, or the service said 503. Such a call is
 * repeated, with a pause growing from {@link #FIRST_PAUSE} to {@link #LONGEST_PAUSE}, until it gets
 * an answer or the timeout has passed. Asking again is safe: the agents keep no state, and the
 * pipeline stores what an answer yields once, by step. A read timeout is not unavailability (the
 * agent is working, maybe on a slow model) and is not repeated.
 */
public final class AgentUnavailable {
  static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(AgentUnavailable.class);

  private AgentUnavailable() {}

  /**
   * {@code call}'s answer, asking again while the agent is unreachable and {@code timeout} has not
   * passed; then the last failure.
   */
  public static <T> T retrying(String agent, Duration timeout, Supplier<T> call) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    int attempts = 0;
    while (true) {
      try {
        T answer = call.get();
        if (attempts > 0) {
          log.info("{} answered again after {} unanswered attempts", agent, attempts);
        }
        return answer;
      } catch (RuntimeException e) {
        attempts++;
        if (!unreachable(e) || System.nanoTime() + pause.toNanos() > deadline) {
          throw attempts > 1 && unreachable(e) ? exhausted(agent, attempts, timeout, e) : e;
        }
        if (attempts == 1) {
          log.warn(
              "{} is unreachable ({}); asking again for up to {}", agent, e.getMessage(), timeout);
        }
        sleep(pause, agent, e);
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }

  /**
   * Whether the failure means no (whole) answer came from the service (or a 503): an I/O failure of
   * the connection before or while the answer was read, but not a read timeout.
   */
  public static boolean unreachable(RuntimeException e) {
    if (e instanceof HttpServerErrorException.ServiceUnavailable) {
      return true;
    }
    if (!(e instanceof RestClientException) || e instanceof RestClientResponseException) {
      return false;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException timeout) {
        // "Read timed out" (working); "Connect timed out" (unreachable) from HttpURLConnection
        // (Apache HttpClient's connect timeout is a ConnectTimeoutException, an IOException)
        return String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
      }
      if (t instanceof IOException) {
        return true; // refused, reset, closed before or during the answer
      }
    }
    return false;
  }

  private static AgentException exhausted(
      String agent, int attempts, Duration timeout, RuntimeException last) {
    return new AgentException(
        agent
            + " unreachable for "
            + timeout
            + " ("
            + attempts
            + " attempts): "
            + last.getMessage(),
        last);
  }

  private static void sleep(Duration pause, String agent, RuntimeException cause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AgentException(agent + ": interrupted while waiting for it to come back", cause);
    }
  }
}
