package dev.cogalign.gateway.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do: {@code read} (every GET), {@code submit} (datasets, problems, runs, agent
 * calls), {@code train} (models, jobs, experiments), {@code admin} (API keys, and everything else:
 * admin implies every other scope). Granted as Spring Security authorities {@code SCOPE_<name>},
 * the form the OAuth2 resource server gives a JWT's {@code scope} claim.
 */
public enum Scope {
  READ,
  SUBMIT,
  TRAIN,
  ADMIN;

  static final String AUTHORITY_PREFIX = "SCOPE_";

  /** The scope's name in keys, JWTs and headers: {@code read}, {@code submit}, … */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public GrantedAuthority authority() {
    return new SimpleGrantedAuthority(AUTHORITY_PREFIX + value());
  }

  /** The scope named {@code value}; fails listing the allowed names. */
  public static Scope parse(String value) {
    return find(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scope '" + value + "'; allowed: " + allowedValues()));
  }

  static Optional<Scope> find(String value) {
    return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
  }

  /** {@code read, submit, train, admin}. */
  public static String allowedValues() {
    return Arrays.stream(values()).map(Scope::value).collect(Collectors.joining(", "));
  }

  /** The scopes {@code granted} gives: admin brings all of them. */
  public static Set<Scope> effective(Collection<Scope> granted) {
    if (granted.contains(ADMIN)) {
      return EnumSet.allOf(Scope.class);
    }
    return granted.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(granted);
  }

  /** The authorities of the {@link #effective} scopes. */
  public static Set<GrantedAuthority> authorities(Collection<Scope> granted) {
    return effective(granted).stream().map(Scope::authority).collect(Collectors.toSet());
  }

  /** The scopes among {@code authorities} ({@code SCOPE_read}, …); others are ignored. */
  static Set<Scope> of(Collection<? extends GrantedAuthority> authorities) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (GrantedAuthority authority : authorities) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith(AUTHORITY_PREFIX)) {
        find(name.substring(AUTHORITY_PREFIX.length())).ifPresent(scopes::add);
      }
    }
    return scopes;
  }
}
