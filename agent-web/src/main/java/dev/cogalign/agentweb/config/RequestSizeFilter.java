package dev.cogalign.agentweb.config;

import dev.cogalign.agentweb.error.RequestTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits request bodies under {@code /api/}: a declared Content-Length over the limit fails before
 * anything is read; a chunked body fails when it passes the limit. Both end as {@link
 * RequestTooLargeException}, answered 413 by the exception handler.
 */
final class RequestSizeFilter extends OncePerRequestFilter {
  private final long maxBytes;

  RequestSizeFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    boolean within = length >= 0 && length <= maxBytes;
    chain.doFilter(within ? request : new Limited(request, length, maxBytes), response);
  }

  /**
   * A request whose body stream fails at once when its declared length is over the limit, and
   * otherwise (chunked) once more than the limit has been read.
   */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long declared;
    private final long maxBytes;

    Limited(HttpServletRequest request, long declared, long maxBytes) {
      super(request);
      this.declared = declared;
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (declared > maxBytes) {
        throw RequestTooLargeException.declared(declared, maxBytes);
      }
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(int n) throws RequestTooLargeException {
          read += n;
          if (read > maxBytes) {
            throw RequestTooLargeException.streamed(maxBytes);
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
