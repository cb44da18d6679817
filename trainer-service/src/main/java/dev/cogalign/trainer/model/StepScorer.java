package dev.cogalign.trainer.model;

import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.checkpoint.ModelBundle;
import dev.cogalign.cogpo.score.CompletionScorer;
import dev.cogalign.cogpo.score.PromptCompletion;
import dev.cogalign.cogpo.train.data.PromptFormat;
import dev.cogalign.cogpo.train.data.TokenizerTextEncoder;
import dev.cogalign.trainer.error.InvalidRequestException;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Per-step NLL of a chain of thought with cogpo's {@link CompletionScorer}: step k is scored as the
 * completion of (question prompt + the tokens of steps 0..k-1), each line tokenized on its own so
 * that the steps' tokens add up to the whole CoT's. The last few models stay loaded.
 */
@Service
public class StepScorer {
  public static final int DEFAULT_LOADED_MODELS = 2;

  private final ModelService models;
  private final NDManager manager = NDManager.newBaseManager();
  private final Map<Long, Loaded> loaded = new LinkedHashMap<>(4, 0.75f, true);

  StepScorer(ModelService models) {
    this.models = models;
  }

  private record Loaded(ModelBundle bundle, TokenizerTextEncoder encoder) {
    void close() {
      encoder.close();
      bundle.close();
    }
  }

  public ScoreResponse score(long modelId, ScoreRequest request) {
    Model model = models.get(modelId);
    List<String> steps =
        request.cot().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (steps.isEmpty()) {
      throw new InvalidRequestException("cot", "has no non-blank line to score");
    }
    Loaded m = open(model);
    synchronized (m) {
      return score(m, modelId, steps, request);
    }
  }

  private static ScoreResponse score(
      Loaded m, long modelId, List<String> steps, ScoreRequest request) {
    String question = request.question() == null ? "" : request.question();
    int[] prompt = m.encoder().prompt(question);
    if (prompt.length == 0) {
      prompt = m.bundle().tokenizer().bosTokenId().stream().toArray();
      if (prompt.length == 0) {
        throw new InvalidRequestException(
            "question", "is empty and the model's tokenizer has no BOS token to stand for it");
      }
    }
    List<PromptCompletion> rows = new ArrayList<>();
    List<int[]> stepIds = new ArrayList<>();
    int[] context = prompt;
    for (int i = 0; i < steps.size(); i++) {
      String text = i < steps.size() - 1 ? steps.get(i) + "\n" : steps.get(i);
      int[] ids = m.bundle().tokenizer().encode(text);
      stepIds.add(ids);
      rows.add(new PromptCompletion(context, ids));
      int[] next = Arrays.copyOf(context, context.length + ids.length);
      System.arraycopy(ids, 0, next, context.length, ids.length);
      context = next;
    }
    double[] logps =
        new CompletionScorer(
                m.bundle().model(),
                m.bundle().tokenizer().padTokenId(),
                CompletionScorer.DEFAULT_BATCH_SIZE)
            .score(rows);
    List<ScoreResponse.Step> out = new ArrayList<>();
    int tokens = 0;
    double total = 0;
    for (int i = 0; i < steps.size(); i++) {
      int n = stepIds.get(i).length;
      double nll = -logps[i];
      out.add(new ScoreResponse.Step(i, steps.get(i), n, nll, n == 0 ? 0 : nll / n));
      tokens += n;
      total += nll;
    }
    return new ScoreResponse(modelId, out, tokens, total);
  }

  private synchronized Loaded open(Model model) {
    Loaded m = loaded.get(model.id());
    if (m == null) {
      Path path = Path.of(model.path());
      ModelBundle bundle = ModelBundle.open(path, manager);
      m = new Loaded(bundle, new TokenizerTextEncoder(path, PromptFormat.AUTO));
      loaded.put(model.id(), m);
      while (loaded.size() > DEFAULT_LOADED_MODELS) {
        Long eldest = loaded.keySet().iterator().next();
        Loaded evicted = loaded.remove(eldest);
        synchronized (evicted) {
          evicted.close();
        }
      }
    }
    return m;
  }

  @PreDestroy
  synchronized void close() {
    loaded.values().forEach(Loaded::close);
    loaded.clear();
    manager.close();
  }
}
