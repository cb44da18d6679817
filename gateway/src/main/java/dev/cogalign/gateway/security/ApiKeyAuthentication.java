package dev.cogalign.gateway.security;

import dev.cogalign.gateway.apikey.ApiKey;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A caller authenticated with an API key: its authorities are the key's effective scopes. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final ApiKey key;

  ApiKeyAuthentication(ApiKey key) {
    super(Scope.authorities(key.scopes()));
    this.key = key;
    setAuthenticated(true);
  }

  ApiKey key() {
    return key;
  }

  /** {@code key:<id>}. */
  @Override
  public String getName() {
    return "key:" + key.id();
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return key;
  }
}
