package dev.cogalign.testsupport;

/**
 * The secrets tests start the platform's pieces with: a gateway given {@link #ADMIN_KEY} as {@code
 * cogalign.security.admin-key} stores it as an admin key; services given {@link #INTERNAL_TOKEN} as
 * {@code cogalign.internal.token} require it of {@code /api/**}.
 */
public final class TestSecrets {

  /** An admin API key (the form {@code cog_…}, no dot, long enough). */
  public static final String ADMIN_KEY = "cog_test-admin-key-0123456789abcdefghijklmnopqrstuv";

  /** The platform's internal token in tests. */
  public static final String INTERNAL_TOKEN = "test-internal-token-0123456789abcdef";

  /** The header that carries an API key or JWT. */
  public static final String AUTHORIZATION = "Authorization";

  /** The internal token's header (as {@code InternalHeaders.TOKEN} of service-web). */
  public static final String INTERNAL_TOKEN_HEADER = "X-CogAlign-Internal-Token";

  private TestSecrets() {}

  /** {@code Bearer <key>}. */
  public static String bearer(String key) {
    return "Bearer " + key;
  }
}
