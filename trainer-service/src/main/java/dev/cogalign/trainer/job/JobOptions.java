package dev.cogalign.trainer.job;

import dev.cogalign.cogpo.train.InvalidTrainingConfigException;
import dev.cogalign.cogpo.train.OptimizerKind;
import dev.cogalign.cogpo.train.ReferenceMode;
import dev.cogalign.cogpo.train.TrainingConfig;
import dev.cogalign.cogpo.train.TrainingPrecision;
import dev.cogalign.cogpo.train.data.PromptFormat;
import dev.cogalign.cogpo.train.eval.Evaluation;
import dev.cogalign.crv.agent.MiniTask;
import dev.cogalign.serviceweb.FieldError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a job request's type, hyperparameters and betas into the engine's configuration, adding a
 * {@link FieldError} for every bad value instead of stopping at the first.
 */
final class JobOptions {
  private static final JsonMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private JobOptions() {}

  /** The hyperparameters, refusing unknown names and values of the wrong type. */
  static Hyperparameters hyperparameters(JsonNode node, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return Hyperparameters.none();
    }
    if (!node.isObject()) {
      errors.add(new FieldError("hyperparameters", "must be a JSON object"));
      return Hyperparameters.none();
    }
    try {
      return STRICT.treeToValue(node, Hyperparameters.class);
    } catch (UnrecognizedPropertyException e) {
      errors.add(
          new FieldError(
              "hyperparameters." + e.getPropertyName(),
              "is not a hyperparameter; known: " + e.getKnownPropertyIds()));
    } catch (JacksonException e) {
      errors.add(new FieldError("hyperparameters", e.getOriginalMessage()));
    }
    return Hyperparameters.none();
  }

  static JobType parseType(String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(
          new FieldError("type", "is required: one of " + Arrays.toString(JobType.values())));
      return null;
    }
    for (JobType t : JobType.values()) {
      if (t.name().equalsIgnoreCase(value)) {
        return t;
      }
    }
    errors.add(
        new FieldError(
            "type", "'" + value + "' is not one of " + Arrays.toString(JobType.values())));
    return null;
  }

  static void validateBetas(Map<String, Double> betas, List<FieldError> errors) {
    for (Map.Entry<String, Double> e : betas.entrySet()) {
      if (Arrays.stream(MiniTask.values()).noneMatch(t -> t.name().equals(e.getKey()))) {
        errors.add(
            new FieldError(
                "betas." + e.getKey(),
                "is not a mini-task: one of " + Arrays.toString(MiniTask.values())));
      } else if (e.getValue() == null || !(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
        errors.add(new FieldError("betas." + e.getKey(), e.getValue() + " must be finite and > 0"));
      }
    }
  }

  static TrainingConfig trainingConfig(
      JobType type, Hyperparameters hp, int defaultCheckpointEvery, List<FieldError> errors) {
    TrainingConfig.Builder b = TrainingConfig.builder().method(type.method());
    int before = errors.size();
    set(hp.steps(), b::steps);
    set(hp.epochs(), b::epochs);
    set(hp.learningRate(), b::learningRate);
    set(hp.batchSize(), b::batchSize);
    set(hp.gradAccumulation(), b::gradAccumulation);
    set(hp.weightDecay(), b::weightDecay);
    set(hp.warmupSteps(), b::warmupSteps);
    set(hp.maxGradNorm(), b::maxGradNorm);
    set(hp.maxLength(), b::maxLength);
    set(hp.beta(), b::beta);
    set(hp.labelSmoothing(), b::labelSmoothing);
    set(hp.nllWeight(), b::nllWeight);
    set(hp.seed(), b::seed);
    set(hp.groupByLength(), b::groupByLength);
    b.checkpointEvery(hp.checkpointEvery() != null ? hp.checkpointEvery() : defaultCheckpointEvery);
    try {
      if (hp.optimizer() != null) {
        b.optimizer(OptimizerKind.parse(hp.optimizer()));
      }
    } catch (InvalidTrainingConfigException e) {
      errors.add(new FieldError("hyperparameters.optimizer", e.getMessage()));
    }
    try {
      if (hp.referenceMode() != null) {
        b.referenceMode(ReferenceMode.parse(hp.referenceMode()));
      }
    } catch (InvalidTrainingConfigException e) {
      errors.add(new FieldError("hyperparameters.referenceMode", e.getMessage()));
    }
    try {
      if (hp.promptFormat() != null) {
        b.promptFormat(PromptFormat.parse(hp.promptFormat()));
      }
    } catch (InvalidTrainingConfigException e) {
      errors.add(new FieldError("hyperparameters.promptFormat", e.getMessage()));
    }
    try {
      if (hp.precision() != null) {
        b.precision(TrainingPrecision.parse(hp.precision()));
      }
    } catch (InvalidTrainingConfigException e) {
      errors.add(new FieldError("hyperparameters.precision", e.getMessage()));
    }
    try {
      TrainingConfig config = b.build();
      return errors.size() == before ? config : null;
    } catch (InvalidTrainingConfigException e) {
      for (String reason : e.getMessage().split("; ")) {
        errors.add(new FieldError("hyperparameters", reason));
      }
      return null;
    }
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  static EvalSettings evalSettings(Hyperparameters hp, List<FieldError> errors) {
    int maxNew = hp.maxNewTokens() == null ? Evaluation.DEFAULT_MAX_NEW_TOKENS : hp.maxNewTokens();
    int batch = hp.batchSize() == null ? Evaluation.DEFAULT_BATCH_SIZE : hp.batchSize();
    int limit = hp.limit() == null ? 0 : hp.limit();
    if (maxNew < 1) {
      errors.add(new FieldError("hyperparameters.maxNewTokens", maxNew + " must be >= 1"));
    }
    if (batch < 1) {
      errors.add(new FieldError("hyperparameters.batchSize", batch + " must be >= 1"));
    }
    if (limit < 0) {
      errors.add(new FieldError("hyperparameters.limit", limit + " must be >= 0 (0 = all)"));
    }
    PromptFormat format = PromptFormat.AUTO;
    try {
      if (hp.promptFormat() != null) {
        format = PromptFormat.parse(hp.promptFormat());
      }
    } catch (InvalidTrainingConfigException e) {
      errors.add(new FieldError("hyperparameters.promptFormat", e.getMessage()));
    }
    return new EvalSettings(maxNew, batch, limit, format);
  }
}
