package dev.cogalign.agentweb.error;

import dev.cogalign.agentllm.LlmCallException;
import dev.cogalign.agentllm.LlmUnavailableException;
import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.NothingToRewriteException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of an agent service as RFC 9457 problem details: 400 listing each invalid field (an
 * {@link InvalidFieldException} included), 413 for an oversized body, 502 when the agent failed
 * (with the reason), 422 when the rethinker finds nothing to rewrite (type {@link
 * #NOTHING_TO_REWRITE}: not a failure, retrying gives the same answer), 503 when its model endpoint
 * refuses calls for now (circuit open, rate limit). The one advice of each agent service, brought
 * in by {@link dev.cogalign.agentweb.config.AgentWebConfiguration}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
  private static final int MAX_DETAIL_CHARS = 500;

  /** The problem type of a 422 "nothing to rewrite" answer. */
  public static final URI NOTHING_TO_REWRITE =
      URI.create("https://cogalign.dev/problems/nothing-to-rewrite");

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError field : e.getBindingResult().getFieldErrors()) {
      errors.add(
          Map.of("field", field.getField(), "message", String.valueOf(field.getDefaultMessage())));
    }
    e.getBindingResult()
        .getGlobalErrors()
        .forEach(
            g ->
                errors.add(
                    Map.of(
                        "field",
                        g.getObjectName(),
                        "message",
                        String.valueOf(g.getDefaultMessage()))));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            errors.size()
                + " invalid field(s): "
                + String.join(", ", errors.stream().map(m -> m.get("field")).toList()));
    problem.setTitle("Invalid request");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestTooLargeException tooLarge) {
        ProblemDetail problem =
            ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
        problem.setTitle("Request too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "unreadable request body: " + clip(reason));
    problem.setTitle("Invalid request");
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    return problem;
  }

  @ExceptionHandler(LlmUnavailableException.class)
  ProblemDetail unavailable(LlmUnavailableException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setTitle("Agent unavailable");
    problem.setProperty("endpoint", e.endpoint());
    return problem;
  }

  @ExceptionHandler(NothingToRewriteException.class)
  ProblemDetail nothingToRewrite(NothingToRewriteException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, clip(e.getMessage()));
    problem.setType(NOTHING_TO_REWRITE);
    problem.setTitle("Nothing to rewrite");
    return problem;
  }

  @ExceptionHandler(AgentException.class)
  ProblemDetail agentFailed(AgentException e) {
    log.warn("agent failed: {}", e.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, clip(e.getMessage()));
    problem.setTitle("Agent failed");
    if (e instanceof LlmCallException call) {
      problem.setProperty("endpoint", call.endpoint());
      if (call.status() != null) {
        problem.setProperty("upstreamStatus", call.status());
      }
    }
    return problem;
  }

  private static String clip(String text) {
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "…";
  }
}
