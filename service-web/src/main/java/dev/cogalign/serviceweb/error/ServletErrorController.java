package dev.cogalign.serviceweb.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container's error dispatch ({@code /error}) answers, in place of Spring Boot's
 * JSON: a problem detail. It is reached for failures no controller advice sees, such as a query
 * string the container cannot decode. The request id is the gateway's (its request attribute, or
 * behind the gateway the {@code X-Request-Id} header it sends).
 */
@RestController
public class ServletErrorController implements ErrorController {

  public static final URI TYPE_REQUEST_ERROR = URI.create("urn:cogalign:problem:request-error");

  /** The request attribute holding the request's id, set by the gateway's request-id filter. */
  public static final String REQUEST_ID_ATTRIBUTE = "dev.cogalign.requestId";

  static final String REQUEST_ID_HEADER = "X-Request-Id";

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer c && HttpStatus.resolve(c) != null
            ? HttpStatus.valueOf(c)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
    problem.setType(TYPE_REQUEST_ERROR);
    problem.setInstance(instance(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
    Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
    if (requestId == null) {
      requestId = request.getHeader(REQUEST_ID_HEADER);
    }
    if (requestId != null) {
      problem.setProperty("requestId", requestId);
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** The same words for a container's error, whichever component reports it. */
  static String detail(HttpStatus status) {
    return status.is4xxClientError()
        ? "The request could not be read: " + status.getReasonPhrase()
        : status.getReasonPhrase();
  }

  /** The failed request's path as a URI reference (its % escaped), or /error when it is none. */
  static URI instance(Object path) {
    if (path instanceof String p) {
      try {
        return URI.create(p.replace("%", "%25"));
      } catch (IllegalArgumentException notAUri) {
        // the container's path is no URI reference
      }
    }
    return URI.create("/error");
  }
}
