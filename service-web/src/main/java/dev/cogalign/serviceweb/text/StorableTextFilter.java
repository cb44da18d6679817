package dev.cogalign.serviceweb.text;

import dev.cogalign.serviceweb.FieldError;
import dev.cogalign.serviceweb.ProblemDetailsSupport;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request whose path or query parameters hold text {@link StorableText} says cannot be
 * stored (an encoded NUL, {@code %00}): 400 {@code invalid-request} naming the parameter (or {@code
 * path}), before any controller turns it into a database query.
 */
final class StorableTextFilter extends OncePerRequestFilter {
  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    List<FieldError> errors = new ArrayList<>();
    if (request.getRequestURI().toLowerCase(Locale.ROOT).contains("%00")) {
      errors.add(new FieldError("path", "holds a NUL character (%00), which cannot be stored"));
    }
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        Optional<String> problem = StorableText.problem(name).or(() -> StorableText.problem(value));
        problem.ifPresent(p -> errors.add(new FieldError(name.replace('\u0000', '?'), p)));
      }
    }
    if (errors.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "invalid fields: "
                + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()));
    problem.setType(URI.create(ProblemDetailsSupport.TYPE_PREFIX + "invalid-request"));
    problem.setProperty("errors", errors);
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(problem));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
