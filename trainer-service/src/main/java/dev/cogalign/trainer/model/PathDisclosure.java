package dev.cogalign.trainer.model;

import dev.cogalign.serviceweb.internal.InternalHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How much of a model folder's path the current caller may see. The gateway forwards the caller's
 * scopes ({@link InternalHeaders#SCOPES}): a caller without {@code admin} sees the folder relative
 * to its model root ({@code jobs/12/attempt-1/model}), never the server's absolute path. A request
 * without the header did not come through the gateway (another service, a test, a tool on the
 * service's own port, all past the internal token): it sees absolute paths, as an admin does.
 */
@Component
public class PathDisclosure {
  static final String ADMIN = "admin";

  private final ModelRoots roots;

  PathDisclosure(ModelRoots roots) {
    this.roots = roots;
  }

  /** {@code path} as the current caller may see it (null stays null). */
  public String show(String path) {
    if (path == null || seesAbsolutePaths()) {
      return path;
    }
    return roots.relative(Path.of(path));
  }

  private static boolean seesAbsolutePaths() {
    if (!(RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes current)) {
      return true;
    }
    HttpServletRequest request = current.getRequest();
    String scopes = request.getHeader(InternalHeaders.SCOPES);
    return scopes == null || Arrays.asList(scopes.trim().split("\\s+")).contains(ADMIN);
  }
}
