package dev.cogalign.pipeline.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The run engine ({@code cogalign.runs.*}).
 *
 * @param workers threads processing problems, shared by all runs (a run's own {@code concurrency}
 *     bounds its share)
 * @param resumeOnStart whether unfinished runs no instance holds are resumed, at startup and then
 *     every {@code adoptInterval}
 * @param adoptInterval how often to look for unfinished runs no instance holds
 */
@ConfigurationProperties("cogalign.runs")
public record RunProperties(int workers, Boolean resumeOnStart, Duration adoptInterval) {
  public static final int DEFAULT_WORKERS = 8;
  public static final Duration DEFAULT_ADOPT_INTERVAL = Duration.ofSeconds(30);

  public RunProperties {
    workers = workers <= 0 ? DEFAULT_WORKERS : workers;
    resumeOnStart = resumeOnStart == null || resumeOnStart;
    adoptInterval =
        adoptInterval == null || adoptInterval.isZero() || adoptInterval.isNegative()
            ? DEFAULT_ADOPT_INTERVAL
            : adoptInterval;
  }
}
