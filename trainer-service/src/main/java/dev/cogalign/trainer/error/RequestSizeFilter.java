package dev.cogalign.trainer.error;

import dev.cogalign.trainer.config.TrainerProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies over {@code cogalign.trainer.max-request-bytes} with 413; a model upload
 * (multipart {@code POST /api/v1/models}) over {@code cogalign.trainer.max-model-upload-bytes}.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {
  private final long limit;
  private final long uploadLimit;
  private final HandlerExceptionResolver resolver;

  RequestSizeFilter(
      TrainerProperties properties,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver handlerExceptionResolver) {
    this.limit = properties.maxRequestBytes();
    this.uploadLimit = properties.maxModelUploadRequestBytes();
    this.resolver = handlerExceptionResolver;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long size = request.getContentLengthLong();
    long allowed = isModelUpload(request) ? uploadLimit : limit;
    if (size > allowed) {
      resolver.resolveException(
          request, response, null, new PayloadTooLargeException(size, allowed));
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isModelUpload(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod())
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        && request.getRequestURI().equals(request.getContextPath() + "/api/v1/models");
  }
}
