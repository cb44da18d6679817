package dev.cogalign.pipeline.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Size limits of problem uploads ({@code cogalign.upload.*}); beyond either, a 413.
 *
 * @param maxRows rows in one upload
 * @param maxBytes bytes of one upload's body
 */
@ConfigurationProperties("cogalign.upload")
public record UploadProperties(int maxRows, long maxBytes) {
  public static final int DEFAULT_MAX_ROWS = 10_000;
  public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

  public UploadProperties {
    maxRows = maxRows <= 0 ? DEFAULT_MAX_ROWS : maxRows;
    maxBytes = maxBytes <= 0 ? DEFAULT_MAX_BYTES : maxBytes;
  }
}
