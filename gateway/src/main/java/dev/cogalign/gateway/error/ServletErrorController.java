package dev.cogalign.gateway.error;

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
 * string the container cannot decode.
 */
@RestController
class ServletErrorController implements ErrorController {

  static final URI TYPE_REQUEST_ERROR = URI.create("urn:cogalign:problem:request-error");

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer c && HttpStatus.resolve(c) != null
            ? HttpStatus.valueOf(c)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String detail =
        status.is4xxClientError()
            ? "The request could not be read: " + status.getReasonPhrase()
            : status.getReasonPhrase();
    ProblemDetail problem = Problems.of(status, TYPE_REQUEST_ERROR, detail, request);
    if (uri instanceof String path) {
      try {
        problem.setInstance(URI.create(path.replace("%", "%25")));
      } catch (IllegalArgumentException notAUri) {
        // the container's path is no URI reference: the problem keeps /error as its instance
      }
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
