package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.MiniTask;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.pipeline.problem.Problem;
import dev.cogalign.pipeline.problem.ProblemRepository;
import dev.cogalign.pipeline.revision.Critique;
import dev.cogalign.pipeline.revision.NewRevision;
import dev.cogalign.pipeline.revision.Revision;
import dev.cogalign.pipeline.revision.RevisionRepository;
import dev.cogalign.pipeline.revision.StepKey;
import dev.cogalign.pipeline.revision.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Critique-Rethink-Verify for one problem of a run, then its preference pairs.
 *
 * <p>Every step is stored under a {@link StepKey} (run, problem, step, attempt) before the next one
 * starts, and looked up before its agent is called: processing a problem again, after a restart,
 * reuses what was stored and writes no revision twice.
 *
 * <ul>
 *   <li>MEDIUM: verify the original; if correct it is the result, and a misfitted variant
 *       (extended, else simplified) is written and verified: CALIBRATE pair if correct, CORRECT
 *       pair if not.
 *   <li>EASY/HARD: extend/simplify and verify, up to {@code maxRethinkAttempts} times, every
 *       rewrite kept; the first verified rewrite is the result, with an ALIGN pair against the
 *       original and a CORRECT pair against each failed rewrite. If none verifies, the original is
 *       verified and, if correct, paired against each failed rewrite (CORRECT).
 * </ul>
 */
@Component
class CrvProcessor {
  static final String CRITIQUE = "critique";
  static final String RETHINK = "rethink";
  static final String VERIFY = "verify";
  static final String VERIFY_ORIGINAL = "verify-original";
  static final String VARIANT = "variant";
  static final String VERIFY_VARIANT = "verify-variant";

  private final ProblemRepository problems;
  private final RevisionRepository revisions;
  private final PairRepository pairs;

  CrvProcessor(ProblemRepository problems, RevisionRepository revisions, PairRepository pairs) {
    this.problems = problems;
    this.revisions = revisions;
    this.pairs = pairs;
  }

  Outcome process(RunContext run, long problemId) {
    Problem problem = problems.get(problemId);
    Optional<Revision> teacher = revisions.teacherOf(problemId);
    if (teacher.isEmpty()) {
      return Outcome.of(ProblemState.SKIPPED, "the problem has no teacher CoT");
    }
    Revision original = teacher.get();
    Critique critique = critique(run, problem, original);
    return switch (critique.verdict()) {
      case MEDIUM -> fitting(run, problem, original);
      case EASY, HARD -> misfitted(run, problem, original, critique.verdict());
    };
  }

  private Outcome fitting(RunContext run, Problem problem, Revision original) {
    Verification verified =
        verify(run, problem, original, new StepKey(run.runId(), VERIFY_ORIGINAL, 0));
    if (!verified.correct()) {
      return Outcome.of(
          ProblemState.REJECTED,
          "the MEDIUM original failed verification (answer " + verified.extractedAnswer() + ")");
    }
    String note = null;
    try {
      calibrate(run, problem, original);
    } catch (RunCancelledException e) {
      throw e;
    } catch (RuntimeException e) {
      note = "no CALIBRATE variant: " + e.getMessage();
    }
    return Outcome.verified(original.id(), note);
  }

  /** A misfitted variant of a fitting CoT: extended (over-long), else simplified (over-terse). */
  private void calibrate(RunContext run, Problem problem, Revision original) {
    Verdict[] asks = {Verdict.EASY, Verdict.HARD};
    for (int attempt = 0; attempt < asks.length; attempt++) {
      Revision variant =
          rethink(
              run, problem, original, asks[attempt], new StepKey(run.runId(), VARIANT, attempt));
      if (sameText(variant, original)) {
        continue;
      }
      Verification check =
          verify(run, problem, variant, new StepKey(run.runId(), VERIFY_VARIANT, attempt));
      MiniTask task = check.correct() ? MiniTask.CALIBRATE : MiniTask.CORRECT;
      pair(run, problem, task, original, variant);
      return;
    }
  }

  private Outcome misfitted(RunContext run, Problem problem, Revision original, Verdict verdict) {
    List<Revision> failed = new ArrayList<>();
    int attempts = run.config().maxRethinkAttempts();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Revision rewrite =
          rethink(run, problem, original, verdict, new StepKey(run.runId(), RETHINK, attempt));
      Verification check = verify(run, problem, rewrite, new StepKey(run.runId(), VERIFY, attempt));
      if (check.correct()) {
        if (!sameText(rewrite, original)) {
          pair(run, problem, MiniTask.ALIGN, rewrite, original);
        }
        failed.forEach(wrong -> pair(run, problem, MiniTask.CORRECT, rewrite, wrong));
        return Outcome.verified(
            rewrite.id(), attempt == 1 ? null : "verified at attempt " + attempt);
      }
      failed.add(rewrite);
    }
    Verification originalCheck =
        verify(run, problem, original, new StepKey(run.runId(), VERIFY_ORIGINAL, 0));
    if (originalCheck.correct()) {
      failed.forEach(wrong -> pair(run, problem, MiniTask.CORRECT, original, wrong));
    }
    return Outcome.of(
        ProblemState.REJECTED, "no " + verdict + " rewrite verified in " + attempts + " attempts");
  }

  private Critique critique(RunContext run, Problem problem, Revision revision) {
    StepKey key = new StepKey(run.runId(), CRITIQUE, 0);
    return revisions
        .findCritique(revision.id(), key)
        .orElseGet(
            () -> {
              checkCancelled(run);
              var response =
                  run.critic()
                      .critique(
                          new CritiqueRequest(
                              problem.question(), revision.text(), run.config().profile()));
              return revisions.appendCritique(revision.id(), response, key);
            });
  }

  private Revision rethink(
      RunContext run, Problem problem, Revision parent, Verdict verdict, StepKey key) {
    return revisions
        .findByKey(problem.id(), key)
        .orElseGet(
            () -> {
              checkCancelled(run);
              RethinkResponse response =
                  run.rethinker()
                      .rethink(
                          new RethinkRequest(
                              problem.question(), parent.text(), verdict, run.config().profile()));
              if (response.cot() == null || response.cot().isBlank()) {
                throw new AgentException("the rethinker answered with an empty CoT");
              }
              RevisionOrigin origin =
                  response.origin() == RevisionOrigin.EXTENDED
                          || response.origin() == RevisionOrigin.SIMPLIFIED
                      ? response.origin()
                      : verdict == Verdict.EASY
                          ? RevisionOrigin.EXTENDED
                          : RevisionOrigin.SIMPLIFIED;
              return revisions.append(
                  new NewRevision(
                      problem.id(), parent.id(), origin, response.cot(), response.call()),
                  key);
            });
  }

  private Verification verify(RunContext run, Problem problem, Revision revision, StepKey key) {
    return revisions
        .findVerification(revision.id(), key)
        .orElseGet(
            () -> {
              checkCancelled(run);
              var response =
                  run.verifier()
                      .verify(
                          new VerificationRequest(
                              problem.question(), problem.goldAnswer(), revision.text()));
              return revisions.appendVerification(revision.id(), response, key);
            });
  }

  private void pair(
      RunContext run, Problem problem, MiniTask task, Revision chosen, Revision rejected) {
    pairs.add(run.runId(), problem.id(), task, chosen.id(), rejected.id(), run.config().beta(task));
  }

  private static boolean sameText(Revision a, Revision b) {
    return a.text().strip().equals(b.text().strip());
  }

  private static void checkCancelled(RunContext run) {
    if (run.cancelled().getAsBoolean()) {
      throw new RunCancelledException(run.runId());
    }
  }
}
