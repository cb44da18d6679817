package dev.cogalign.trainer.worker;

import dev.cogalign.trainer.job.JobStatus;
import dev.cogalign.trainer.job.JobType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The worker's Prometheus meters, what the Grafana dashboard (k8s/base/monitoring) plots: {@value
 * #STEPS} (optimizer steps taken, per job type), {@value #LOSS} (the loss of the latest step, per
 * job type; NaN before the first) and {@value #FINISHED} (jobs ended, per type and status). Tags
 * are bounded (type, status), never a job id.
 */
@Component
class TrainingMeters {

  static final String STEPS = "cogalign.trainer.steps";
  static final String LOSS = "cogalign.trainer.loss";
  static final String FINISHED = "cogalign.trainer.jobs.finished";

  private final MeterRegistry registry;
  private final Map<JobType, AtomicReference<Double>> losses = new ConcurrentHashMap<>();

  TrainingMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One optimizer step of a training job, with its metrics ({@code loss} among them). */
  void step(JobType type, Map<String, Double> values) {
    Counter.builder(STEPS).tag("type", tag(type)).register(registry).increment();
    Double loss = values.get("loss");
    if (loss != null) {
      losses.computeIfAbsent(type, this::lossGauge).set(loss);
    }
  }

  /** A job reached an end status on this worker. */
  void finished(JobType type, JobStatus status) {
    Counter.builder(FINISHED)
        .tag("type", tag(type))
        .tag("status", status.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  private AtomicReference<Double> lossGauge(JobType type) {
    AtomicReference<Double> latest = new AtomicReference<>(Double.NaN);
    Gauge.builder(LOSS, latest, AtomicReference::get)
        .tag("type", tag(type))
        .description("loss of the latest optimizer step of a job of this type on this worker")
        .register(registry);
    return latest;
  }

  private static String tag(JobType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
