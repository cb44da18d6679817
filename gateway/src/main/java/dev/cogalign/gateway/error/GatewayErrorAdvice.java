package dev.cogalign.gateway.error;

import dev.cogalign.gateway.requestid.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The gateway's one mapping of errors to RFC 9457 problem details: an unknown route is a 404, a
 * service that cannot be reached a 503, one that does not answer in time a 504, any other failure
 * talking to it a 502; a bad field in a request to the gateway's own API (API keys) a 400, an
 * unknown key a 404. Every problem carries the request id. (401, 403 and 429 are answered by the
 * security filter chain before any controller: {@code security/ProblemResponses}.)
 */
@RestControllerAdvice
class GatewayErrorAdvice extends ResponseEntityExceptionHandler {

  static final URI TYPE_NO_ROUTE = URI.create("urn:cogalign:problem:no-route");
  static final URI TYPE_UNAVAILABLE = URI.create("urn:cogalign:problem:service-unavailable");
  static final URI TYPE_TIMEOUT = URI.create("urn:cogalign:problem:service-timeout");
  static final URI TYPE_BAD_GATEWAY = URI.create("urn:cogalign:problem:bad-gateway");
  static final URI TYPE_INVALID_REQUEST = URI.create("urn:cogalign:problem:invalid-request");
  static final URI TYPE_NOT_FOUND = URI.create("urn:cogalign:problem:not-found");

  private static final Logger log = LoggerFactory.getLogger(GatewayErrorAdvice.class);

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return noRoute(request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return noRoute(request);
  }

  /**
   * Every problem the base class builds (bad method, bad media type, …) gets the request id too.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && request instanceof ServletWebRequest servlet) {
      Object requestId = servlet.getRequest().getAttribute(RequestIdFilter.ATTRIBUTE);
      if (requestId != null) {
        problem.setProperty("requestId", requestId);
      }
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  @ExceptionHandler(ResourceAccessException.class)
  ResponseEntity<Object> downstreamFailed(ResourceAccessException ex, HttpServletRequest request) {
    HttpStatus status;
    URI type;
    String detail;
    if (causedBy(
        ex,
        ConnectException.class,
        UnknownHostException.class,
        ConnectTimeoutException.class,
        HttpConnectTimeoutException.class)) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      type = TYPE_UNAVAILABLE;
      detail = "The service behind " + request.getRequestURI() + " cannot be reached";
    } else if (causedBy(ex, SocketTimeoutException.class, HttpTimeoutException.class)) {
      status = HttpStatus.GATEWAY_TIMEOUT;
      type = TYPE_TIMEOUT;
      detail = "The service behind " + request.getRequestURI() + " did not answer in time";
    } else {
      status = HttpStatus.BAD_GATEWAY;
      type = TYPE_BAD_GATEWAY;
      detail = "The service behind " + request.getRequestURI() + " failed: " + ex.getMessage();
    }
    log.warn("{} {} -> {}: {}", request.getMethod(), request.getRequestURI(), status, chain(ex));
    return problem(status, type, detail, request);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Object> invalidRequest(InvalidRequestException ex, HttpServletRequest request) {
    ResponseEntity<Object> response =
        problem(HttpStatus.BAD_REQUEST, TYPE_INVALID_REQUEST, ex.getMessage(), request);
    ((ProblemDetail) response.getBody())
        .setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
    return response;
  }

  @ExceptionHandler(ApiKeyNotFoundException.class)
  ResponseEntity<Object> notFound(ApiKeyNotFoundException ex, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, TYPE_NOT_FOUND, ex.getMessage(), request);
  }

  private ResponseEntity<Object> noRoute(WebRequest request) {
    HttpServletRequest servletRequest = ((ServletWebRequest) request).getRequest();
    String detail =
        "No route for " + servletRequest.getMethod() + " " + servletRequest.getRequestURI();
    return problem(HttpStatus.NOT_FOUND, TYPE_NO_ROUTE, detail, servletRequest);
  }

  private static ResponseEntity<Object> problem(
      HttpStatus status, URI type, String detail, HttpServletRequest request) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(status, type, detail, request));
  }

  @SafeVarargs
  private static boolean causedBy(Throwable ex, Class<? extends Throwable>... types) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(cause)) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String chain(Throwable ex) {
    StringBuilder text = new StringBuilder(ex.toString());
    for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
      text.append(" <- ").append(cause);
      if (cause.getCause() == cause) {
        break;
      }
    }
    return text.toString();
  }
}
