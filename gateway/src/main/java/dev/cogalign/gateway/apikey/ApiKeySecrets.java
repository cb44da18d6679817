package dev.cogalign.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API key secrets: {@value #PREFIX} and 32 random bytes (256 bits, base64url), stored only as their
 * SHA-256. A secret that high in entropy needs no slow password hash: nobody can guess one from its
 * hash.
 */
public final class ApiKeySecrets {

  static final String PREFIX = "cog_";
  static final int MIN_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Whether a bearer token is a JWT (three dot-separated parts) rather than an API key, which never
   * holds a dot.
   */
  public static boolean isJwt(String token) {
    return token.indexOf('.') >= 0;
  }

  /**
   * Fails naming the rule when a secret given from outside ({@code COGALIGN_ADMIN_KEY}, an admin
   * key file) could not be an API key: too short to be safe, or holding a dot or white space.
   */
  static void checkUsable(String secret, String source) {
    if (secret.length() < MIN_LENGTH || isJwt(secret) || !secret.matches("\\S+")) {
      throw new IllegalStateException(
          source
              + " is not a usable API key: it needs at least "
              + MIN_LENGTH
              + " characters, no dot and no white space (e.g. cog_$(openssl rand -hex 32))");
    }
  }
}
