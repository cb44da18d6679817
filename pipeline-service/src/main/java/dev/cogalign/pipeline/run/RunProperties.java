package dev.cogalign.pipeline.run;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The run engine ({@code cogalign.runs.*}).
 *
 * @param workers threads processing problems, shared by all runs (a run's own {@code concurrency}
 *     bounds its share)
 * @param resumeOnStart whether runs left QUEUED or RUNNING by a restart resume at startup
 */
@ConfigurationProperties("cogalign.runs")
public record RunProperties(int workers, Boolean resumeOnStart) {
  public static final int DEFAULT_WORKERS = 8;

  public RunProperties {
    workers = workers <= 0 ? DEFAULT_WORKERS : workers;
    resumeOnStart = resumeOnStart == null || resumeOnStart;
  }
}
