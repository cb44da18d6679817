package dev.cogalign.serviceweb.etag;

import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

/**
 * A conditional GET of a view whose stored row carries a version that every change of the row
 * bumps: the version is the view's {@code ETag}, and an {@code If-None-Match} that names it is
 * answered {@code 304 Not Modified} with no body, without building the view.
 *
 * <p>The validator is weak ({@code W/"<version>"}): views also hold values computed from the clock
 * at each request (elapsed seconds, rates, estimates), which a client keeps from its copy while the
 * stored state is unchanged.
 */
public final class VersionedView {
  private VersionedView() {}

  /** {@code W/"<version>"}. */
  public static String etag(long version) {
    return "W/\"" + version + "\"";
  }

  /**
   * 304 with the ETag and no body when the request's {@code If-None-Match} names {@code version};
   * else 200 with the ETag and the view {@code view} builds.
   */
  public static <T> ResponseEntity<T> respond(long version, WebRequest request, Supplier<T> view) {
    String etag = etag(version);
    if (request.checkNotModified(etag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }
    return ResponseEntity.ok().eTag(etag).body(view.get());
  }
}
