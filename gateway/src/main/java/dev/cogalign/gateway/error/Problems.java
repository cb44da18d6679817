package dev.cogalign.gateway.error;

import dev.cogalign.gateway.requestid.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The gateway's RFC 9457 problem: status, type, detail, the request's path and its request id. */
public final class Problems {
  private Problems() {}

  public static ProblemDetail of(
      HttpStatus status, URI type, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setInstance(URI.create(request.getRequestURI()));
    Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
    if (requestId != null) {
      problem.setProperty("requestId", requestId);
    }
    return problem;
  }
}
