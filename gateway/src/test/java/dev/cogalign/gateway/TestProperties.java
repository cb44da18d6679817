package dev.cogalign.gateway;

import dev.cogalign.testsupport.TestDatabase;
import dev.cogalign.testsupport.TestSecrets;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Properties shared by the gateway's tests. */
public final class TestProperties {

  /** The admin key the gateway stores at start, and the internal token it sends the services. */
  public static final String SECRETS_ADMIN_KEY =
      "cogalign.security.admin-key=" + TestSecrets.ADMIN_KEY;

  public static final String SECRETS_INTERNAL_TOKEN =
      "cogalign.internal.token=" + TestSecrets.INTERNAL_TOKEN;

  private TestProperties() {}

  /** The gateway's schema (API keys) on the test JVM's embedded PostgreSQL. */
  public static void database(DynamicPropertyRegistry registry) {
    TestDatabase.springDataSource().forEach(registry::add);
  }
}
