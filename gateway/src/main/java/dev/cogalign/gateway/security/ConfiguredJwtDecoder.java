package dev.cogalign.gateway.security;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/** The JWT decoder {@link GatewaySecurityProperties.Jwt} describes. */
final class ConfiguredJwtDecoder {

  private ConfiguredJwtDecoder() {}

  /**
   * A decoder checking signatures against the JWK set (when given) and the issuer (when given; its
   * discovery document names the JWK set otherwise, fetched on first use so the gateway starts
   * while the issuer is down); {@code null} when neither is configured.
   */
  static JwtDecoder of(GatewaySecurityProperties.Jwt jwt) {
    if (!jwt.jwkSetUri().isEmpty()) {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
      decoder.setJwtValidator(
          jwt.issuerUri().isEmpty()
              ? JwtValidators.createDefault()
              : JwtValidators.createDefaultWithIssuer(jwt.issuerUri()));
      return decoder;
    }
    if (!jwt.issuerUri().isEmpty()) {
      return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(jwt.issuerUri()));
    }
    return null;
  }
}
