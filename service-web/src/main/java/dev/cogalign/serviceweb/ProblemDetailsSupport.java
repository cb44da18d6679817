package dev.cogalign.serviceweb;

import dev.cogalign.serviceweb.text.UnstorableTextException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The part of a service's problem-details advice that does not depend on its own exceptions: 400
 * {@code invalid-request} listing every invalid field (bean validation of bodies and of method
 * parameters, and text the database cannot store, see {@link
 * dev.cogalign.serviceweb.text.StorableText}), 400 {@code unreadable-body}, and the {@code
 * https://cogalign.dev/problems/} types. A service's one {@code @RestControllerAdvice} extends it
 * and adds handlers for its exceptions.
 */
public abstract class ProblemDetailsSupport extends ResponseEntityExceptionHandler {
  public static final String TYPE_PREFIX = "https://cogalign.dev/problems/";

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = new ArrayList<>();
    ex.getBindingResult()
        .getFieldErrors()
        .forEach(f -> errors.add(new FieldError(f.getField(), f.getDefaultMessage())));
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
    return validationProblem(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      String name = result.getMethodParameter().getParameterName();
      result
          .getResolvableErrors()
          .forEach(error -> errors.add(new FieldError(name, error.getDefaultMessage())));
    }
    return validationProblem(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UnstorableTextException unstorable) {
        return validationProblem(
            new ArrayList<>(List.of(new FieldError(unstorable.field(), unstorable.reason()))));
      }
    }
    Throwable cause = ex.getMostSpecificCause();
    String message = cause.getMessage() == null ? ex.getMessage() : cause.getMessage();
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "unreadable-body", "request body is not readable");
    problem.setProperty("errors", List.of(new FieldError("body", message)));
    return ResponseEntity.badRequest().body(problem);
  }

  /** 400 {@code invalid-request} listing every field in {@code errors}, sorted by field. */
  protected static ResponseEntity<Object> validationProblem(List<FieldError> errors) {
    errors.sort(Comparator.comparing(FieldError::field));
    String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "invalid-request", "invalid fields: " + fields);
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  /** A problem of {@code status} whose type is {@code https://cogalign.dev/problems/<type>}. */
  protected static ProblemDetail problem(HttpStatus status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_PREFIX + type));
    return problem;
  }
}
