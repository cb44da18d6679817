package dev.cogalign.trainer.error;

import dev.cogalign.serviceweb.FieldError;
import dev.cogalign.serviceweb.ProblemDetailsSupport;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Object> invalid(InvalidRequestException e) {
    return validationProblem(new ArrayList<>(e.errors()));
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
    problem.setProperty("id", e.id());
    return problem;
  }

  @ExceptionHandler(UpstreamException.class)
  ProblemDetail upstream(UpstreamException e) {
    return problem(HttpStatus.BAD_GATEWAY, "upstream", e.getMessage());
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", e.getMessage());
    problem.setProperty("limit", e.limit());
    return problem;
  }

  /** A method-validated parameter ({@code @Min} on {@code limit}) out of range: 400 naming it. */
  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraintViolated(ConstraintViolationException e) {
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
      String path = violation.getPropertyPath().toString();
      errors.add(new FieldError(path.substring(path.lastIndexOf('.') + 1), violation.getMessage()));
    }
    return validationProblem(errors);
  }
}
