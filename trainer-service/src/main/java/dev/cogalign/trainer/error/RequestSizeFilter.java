package dev.cogalign.trainer.error;

import dev.cogalign.trainer.config.TrainerProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Refuses request bodies over {@code cogalign.trainer.max-request-bytes} with 413. */
@Component
class RequestSizeFilter extends OncePerRequestFilter {
  private final long limit;
  private final HandlerExceptionResolver resolver;

  RequestSizeFilter(
      TrainerProperties properties,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver handlerExceptionResolver) {
    this.limit = properties.maxRequestBytes();
    this.resolver = handlerExceptionResolver;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long size = request.getContentLengthLong();
    if (size > limit) {
      resolver.resolveException(request, response, null, new PayloadTooLargeException(size, limit));
      return;
    }
    chain.doFilter(request, response);
  }
}
