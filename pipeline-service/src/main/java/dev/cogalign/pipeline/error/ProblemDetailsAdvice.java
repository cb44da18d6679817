package dev.cogalign.pipeline.error;

import dev.cogalign.serviceweb.FieldError;
import dev.cogalign.serviceweb.ProblemDetailsSupport;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every error of the service to an RFC 9457 problem+json body: its own exceptions here,
 * request validation and unreadable bodies in {@link ProblemDetailsSupport}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ProblemDetailsSupport {
  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    problem.setProperty("kind", e.kind());
    problem.setProperty("id", e.id());
    return problem;
  }

  @ExceptionHandler(UploadRejectedException.class)
  ProblemDetail uploadRejected(UploadRejectedException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "upload-rejected", e.getMessage());
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(BadRequestException.class)
  ProblemDetail badRequest(BadRequestException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
    problem.setProperty("errors", List.of(new FieldError(e.field(), e.getMessage())));
    return problem;
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", e.getMessage());
    problem.setProperty("limit", e.limit());
    return problem;
  }

  @ExceptionHandler(UnavailableException.class)
  ProblemDetail unavailable(UnavailableException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
    problem.setProperty("id", e.id());
    return problem;
  }
}
