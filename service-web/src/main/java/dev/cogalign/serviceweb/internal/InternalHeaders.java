package dev.cogalign.serviceweb.internal;

/**
 * The headers the gateway adds to every request it forwards to a service, and that services add to
 * their calls to each other. Callers outside the platform cannot set them: the gateway drops any
 * they send.
 */
public final class InternalHeaders {

  /** The platform's shared internal token: proof that a request comes from inside. */
  public static final String TOKEN = "X-CogAlign-Internal-Token";

  /** The id of the API key (or {@code jwt:<subject>}) the gateway authenticated the caller with. */
  public static final String PRINCIPAL = "X-CogAlign-Principal";

  /** The caller's scopes, space-separated ({@code read submit train admin}). */
  public static final String SCOPES = "X-CogAlign-Scopes";

  private InternalHeaders() {}
}
