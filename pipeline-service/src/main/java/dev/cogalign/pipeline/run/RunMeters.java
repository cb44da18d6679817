package dev.cogalign.pipeline.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The CRV runs' Prometheus meters, what the Grafana dashboard (k8s/base/monitoring) plots beside
 * {@code cogalign.agent.call}: {@value #PROBLEMS} (problems this replica finished, per state),
 * {@value #PAIRS} (preference pairs they yielded) and {@value #RUNS_FINISHED} (runs ended, per
 * status). Tags are bounded, never a run id.
 */
@Component
class RunMeters {

  static final String PROBLEMS = "cogalign.pipeline.problems";
  static final String PAIRS = "cogalign.pipeline.pairs";
  static final String RUNS_FINISHED = "cogalign.pipeline.runs.finished";

  private final MeterRegistry registry;

  RunMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A problem of a run ended with {@code outcome}. */
  void problem(Outcome outcome) {
    Counter.builder(PROBLEMS).tag("state", tag(outcome.state())).register(registry).increment();
    Counter.builder(PAIRS).register(registry).increment(outcome.pairs().size());
  }

  /** A run ended with {@code status}. */
  void finished(RunStatus status) {
    Counter.builder(RUNS_FINISHED).tag("status", tag(status)).register(registry).increment();
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
