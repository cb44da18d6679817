package dev.cogalign.gateway.requestid;

import dev.cogalign.gateway.web.HeaderOverridingRequest;
import dev.cogalign.serviceweb.error.ServletErrorController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@value #HEADER} when it is a plausible id, a fresh UUID
 * otherwise. The id is forwarded downstream, returned in the response and put in the logging MDC
 * under {@value #MDC_KEY} while the request is handled.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";

  /** The request attribute holding the id, for error handlers. */
  public static final String ATTRIBUTE = ServletErrorController.REQUEST_ID_ATTRIBUTE;

  /** Accepted caller ids: short, printable, no spaces (ids end up in logs and headers). */
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = acceptedOrNew(request.getHeader(HEADER));
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(
          new HeaderOverridingRequest(request, Set.of(), Map.of(HEADER, id)),
          new RequestIdResponse(response, HEADER));
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  static String acceptedOrNew(String candidate) {
    if (candidate != null && VALID_ID.matcher(candidate).matches()) {
      return candidate;
    }
    return UUID.randomUUID().toString();
  }
}
