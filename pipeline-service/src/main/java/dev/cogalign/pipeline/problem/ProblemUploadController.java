package dev.cogalign.pipeline.problem;

import dev.cogalign.pipeline.error.PayloadTooLargeException;
import dev.cogalign.pipeline.problem.ProblemUploadService.Format;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/datasets/{id}/problems} as JSONL or as a JSON array. */
@RestController
class ProblemUploadController {
  private static final String PATH = "/api/v1/datasets/{id}/problems";

  private final ProblemUploadService uploads;
  private final UploadProperties limits;

  ProblemUploadController(ProblemUploadService uploads, UploadProperties limits) {
    this.uploads = uploads;
    this.limits = limits;
  }

  @PostMapping(
      path = PATH,
      consumes = {
        MediaType.APPLICATION_NDJSON_VALUE,
        "application/jsonl",
        "application/x-jsonlines"
      })
  UploadResult uploadLines(@PathVariable long id, HttpServletRequest request) throws IOException {
    return uploads.upload(id, body(request), Format.JSON_LINES);
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
  UploadResult uploadArray(@PathVariable long id, HttpServletRequest request) throws IOException {
    return uploads.upload(id, body(request), Format.JSON_ARRAY);
  }

  /** The body as UTF-8, refused with a 413 as soon as it passes the byte limit. */
  private String body(HttpServletRequest request) throws IOException {
    long max = limits.maxBytes();
    if (request.getContentLengthLong() > max) {
      throw tooLarge(max);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw tooLarge(max);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static PayloadTooLargeException tooLarge(long max) {
    return new PayloadTooLargeException("upload body is larger than " + max + " bytes", max);
  }
}
