package dev.cogalign.gateway.ui;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard's pages: every page path answers the one {@code index.html}, whose script renders
 * the page from the path (deep links and reloads work). The pages call the public API with the
 * user's key from the browser; nothing here reads or checks a key.
 */
@Hidden // pages, not API: kept out of the gateway's OpenAPI document
@Controller
class UiController {

  /**
   * Where the dashboard's files live on the classpath (outside {@code static/}: see {@link
   * UiResources}).
   */
  static final String LOCATION = "cogalign-ui/";

  private final Resource index = new ClassPathResource(LOCATION + "index.html");

  /** The page paths the script knows; an id is a number. */
  @GetMapping({
    UiResources.PREFIX,
    UiResources.PREFIX + "/",
    UiResources.PREFIX + "/sign-in",
    UiResources.PREFIX + "/runs",
    UiResources.PREFIX + "/runs/{id:\\d+}",
    UiResources.PREFIX + "/problems/{id:\\d+}",
    UiResources.PREFIX + "/jobs",
    UiResources.PREFIX + "/jobs/{id:\\d+}",
    UiResources.PREFIX + "/models",
    UiResources.PREFIX + "/experiments",
    UiResources.PREFIX + "/experiments/{id:\\d+}"
  })
  ResponseEntity<Resource> page() {
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .cacheControl(CacheControl.noCache())
        .body(index);
  }
}
