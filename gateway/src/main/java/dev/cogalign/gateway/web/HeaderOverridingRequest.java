package dev.cogalign.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request as the gateway forwards it: some of the caller's headers gone, the gateway's own in
 * their place (its request id; its internal headers instead of the caller's credentials).
 */
public final class HeaderOverridingRequest extends HttpServletRequestWrapper {

  private final Set<String> removed;
  private final Map<String, String> added = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /**
   * @param removed header names (lower case) the services must not see from the caller
   * @param added the gateway's headers, replacing any the caller sent under those names
   */
  public HeaderOverridingRequest(
      HttpServletRequest request, Set<String> removed, Map<String, String> added) {
    super(request);
    this.removed = removed;
    this.added.putAll(added);
  }

  private boolean hidden(String name) {
    return removed.contains(name.toLowerCase(Locale.ROOT)) || added.containsKey(name);
  }

  @Override
  public String getHeader(String name) {
    if (added.containsKey(name)) {
      return added.get(name);
    }
    return hidden(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if (added.containsKey(name)) {
      return Collections.enumeration(List.of(added.get(name)));
    }
    return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    Set<String> names = new LinkedHashSet<>();
    Enumeration<String> original = super.getHeaderNames();
    while (original.hasMoreElements()) {
      String name = original.nextElement();
      if (!hidden(name)) {
        names.add(name);
      }
    }
    names.addAll(added.keySet());
    return Collections.enumeration(names);
  }
}
