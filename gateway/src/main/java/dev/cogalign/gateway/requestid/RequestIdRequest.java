package dev.cogalign.gateway.requestid;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/** A request whose id header holds exactly one value: the id the gateway settled on. */
final class RequestIdRequest extends HttpServletRequestWrapper {

  private final String header;
  private final String id;

  RequestIdRequest(HttpServletRequest request, String header, String id) {
    super(request);
    this.header = header;
    this.id = id;
  }

  @Override
  public String getHeader(String name) {
    return header.equalsIgnoreCase(name) ? id : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return header.equalsIgnoreCase(name)
        ? Collections.enumeration(Set.of(id))
        : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    Set<String> names = new LinkedHashSet<>();
    Enumeration<String> original = super.getHeaderNames();
    while (original.hasMoreElements()) {
      String name = original.nextElement();
      if (!header.equalsIgnoreCase(name)) {
        names.add(name);
      }
    }
    names.add(header);
    return Collections.enumeration(names);
  }
}
