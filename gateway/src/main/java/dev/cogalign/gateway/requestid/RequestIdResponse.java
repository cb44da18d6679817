package dev.cogalign.gateway.requestid;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response whose id header is fixed once the filter has set it: a downstream service that echoes
 * the id does not make it appear twice.
 */
final class RequestIdResponse extends HttpServletResponseWrapper {

  private final String header;

  RequestIdResponse(HttpServletResponse response, String header) {
    super(response);
    this.header = header;
  }

  @Override
  public void setHeader(String name, String value) {
    if (!header.equalsIgnoreCase(name)) {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (!header.equalsIgnoreCase(name)) {
      super.addHeader(name, value);
    }
  }
}
