package dev.cogalign.gateway.security;

import dev.cogalign.gateway.apikey.ApiKeySecrets;
import dev.cogalign.gateway.apikey.ApiKeyService;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Who a bearer token belongs to: a token without a dot is an API key, looked up by its hash; a JWT
 * is verified by the OAuth2 resource server's provider when an issuer or JWK set is configured, its
 * {@code scope}/{@code scp} claim giving its scopes (admin implying all, unknown scopes ignored).
 */
final class BearerAuthentication implements AuthenticationManager {

  private final ApiKeyService keys;
  private final JwtAuthenticationProvider jwt;

  /**
   * @param jwtDecoder verifies JWTs; {@code null}: JWTs are refused
   */
  BearerAuthentication(ApiKeyService keys, JwtDecoder jwtDecoder) {
    this.keys = keys;
    this.jwt = jwtDecoder == null ? null : jwtProvider(jwtDecoder);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    if (!ApiKeySecrets.isJwt(token)) {
      return keys.authenticate(token)
          .map(ApiKeyAuthentication::new)
          .orElseThrow(() -> new InvalidBearerTokenException("Unknown or revoked API key"));
    }
    if (jwt == null) {
      throw new InvalidBearerTokenException(
          "JWTs are not accepted here: no issuer is configured (cogalign.security.jwt.*)");
    }
    return jwt.authenticate(authentication);
  }

  private static JwtAuthenticationProvider jwtProvider(JwtDecoder decoder) {
    JwtGrantedAuthoritiesConverter claimScopes = new JwtGrantedAuthoritiesConverter();
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        token -> {
          Set<GrantedAuthority> authorities =
              Scope.authorities(Scope.of(claimScopes.convert(token)));
          return authorities.stream().collect(Collectors.toUnmodifiableSet());
        });
    JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
    provider.setJwtAuthenticationConverter(
        token -> (AbstractAuthenticationToken) converter.convert(token));
    return provider;
  }
}
