package dev.cogalign.serviceweb.etag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

class VersionedViewTest {
  private final AtomicInteger built = new AtomicInteger();
  private final Supplier<String> view =
      () -> {
        built.incrementAndGet();
        return "the view";
      };

  private static ServletWebRequest get(String ifNoneMatch) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things/1");
    if (ifNoneMatch != null) {
      request.addHeader("If-None-Match", ifNoneMatch);
    }
    return new ServletWebRequest(request, new MockHttpServletResponse());
  }

  @Test
  void sendsTheViewWithAWeakETagOfTheVersionWhenNothingIsCached() {
    ResponseEntity<String> response = VersionedView.respond(7, get(null), view);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getETag()).isEqualTo("W/\"7\"");
    assertThat(response.getBody()).isEqualTo("the view");
  }

  @Test
  void answersNotModifiedWithoutBuildingTheViewWhenIfNoneMatchNamesTheVersion() {
    ResponseEntity<String> weak = VersionedView.respond(7, get("W/\"7\""), view);
    ResponseEntity<String> strong = VersionedView.respond(7, get("\"3\", \"7\""), view);

    assertThat(weak.getStatusCode().value()).isEqualTo(304);
    assertThat(weak.getHeaders().getETag()).isEqualTo("W/\"7\"");
    assertThat(weak.getBody()).isNull();
    assertThat(strong.getStatusCode().value()).isEqualTo(304);
    assertThat(built).hasValue(0);
  }

  @Test
  void sendsTheNewViewWhenIfNoneMatchNamesAnOlderVersion() {
    ResponseEntity<String> response = VersionedView.respond(8, get("W/\"7\""), view);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getETag()).isEqualTo("W/\"8\"");
    assertThat(response.getBody()).isEqualTo("the view");
  }
}
