package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.AgentCall;
import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.CritiqueRequest;
import dev.cogalign.crv.agent.MiniTask;
import dev.cogalign.crv.agent.NothingToRewriteException;
import dev.cogalign.crv.agent.RethinkRequest;
import dev.cogalign.crv.agent.RethinkResponse;
import dev.cogalign.crv.agent.RevisionOrigin;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.agent.Verdict;
import dev.cogalign.crv.agent.VerificationRequest;
import dev.cogalign.crv.rules.CotPerturber;
import dev.cogalign.pipeline.problem.Problem;
import dev.cogalign.pipeline.problem.ProblemRepository;
import dev.cogalign.pipeline.revision.Critique;
import dev.cogalign.pipeline.revision.NewRevision;
import dev.cogalign.pipeline.revision.Revision;
import dev.cogalign.pipeline.revision.RevisionRepository;
import dev.cogalign.pipeline.revision.StepKey;
import dev.cogalign.pipeline.revision.StoredSteps;
import dev.cogalign.pipeline.revision.Verification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Critique-Rethink-Verify for one problem of a run, then its preference pairs.
 *
 * <p>Every step is stored under a {@link StepKey} (work, step, attempt) before the next one starts,
 * and looked up before its agent is called: processing a problem again, after a restart, reuses
 * what was stored and writes no revision twice.
 *
 * <ul>
 *   <li>MEDIUM: verify the original; if correct it is the result, and a misfitted variant
 *       (extended, else simplified) is written and verified: CALIBRATE pair if correct, CORRECT
 *       pair if not.
 *   <li>EASY/HARD: extend/simplify, verify, and critique the verified rewrite again with the run's
 *       profile and critic, up to {@code maxRethinkAttempts} times, every rewrite kept with its
 *       verification and critique. Only a verified MEDIUM rewrite (it fits the student) is the
 *       result. A verified rewrite that is still misfitted is what the next attempt rethinks (by
 *       its new verdict); after an incorrect rewrite the next attempt rethinks the original again.
 *       The original is verified too: the fitting rewrite is the chosen side of an ALIGN pair
 *       against a verified-correct original, of a CORRECT pair against an incorrect one (never
 *       ALIGN), and of a CORRECT pair against each failed rewrite. If the rethinker finds nothing
 *       to rewrite in the original (a 422, not a failure), the problem is REJECTED with its reason.
 *       If no rewrite fits, the problem is REJECTED; the original if correct (else the first
 *       correct misfitted rewrite, also against the original) is paired against each failed rewrite
 *       (CORRECT).
 * </ul>
 *
 * <p>So every ALIGN pair's chosen side has a MEDIUM critique in its run and its rejected side a
 * correct verification: an ALIGN pair teaches fit, never correctness.
 */
@Component
class CrvProcessor {
  static final String CRITIQUE = "critique";
  static final String RETHINK = "rethink";
  static final String VERIFY = "verify";
  static final String VERIFY_ORIGINAL = "verify-original";
  static final String CRITIQUE_REWRITE = "critique-rewrite";
  static final String VARIANT = "variant";
  static final String VERIFY_VARIANT = "verify-variant";
  static final String CRITIQUE_VARIANT = "critique-variant";
  private static final int STRONGER_MAX_OPERATIONS = 20;
  private static final int WEAKER_MAX_MIN_STEPS = 100;
  private static final int WEAKER_MAX_STEPS = 200;
  static final String PERTURB = "perturb";
  static final String VERIFY_PERTURBED = "verify-perturbed";
  static final String PERTURBER_MODEL = "crv-core CotPerturber";

  private final ProblemRepository problems;
  private final RevisionRepository revisions;

  private final Clock clock;

  CrvProcessor(ProblemRepository problems, RevisionRepository revisions, Clock clock) {
    this.clock = clock;
    this.problems = problems;
    this.revisions = revisions;
  }

  /**
   * What the workers start these problems from, by problem id: two statements for the batch (the
   * problems, their teacher CoTs), none per problem. An id with no problem is missing.
   */
  Map<Long, ProblemInput> inputs(List<Long> problemIds) {
    Map<Long, Revision> teachers = revisions.teachersOf(problemIds);
    Map<Long, ProblemInput> inputs = new HashMap<>();
    problems
        .getAll(problemIds)
        .forEach((id, problem) -> inputs.put(id, new ProblemInput(problem, teachers.get(id))));
    return inputs;
  }

  Outcome process(RunContext run, ProblemInput input) {
    Problem problem = input.problem();
    Revision original = input.teacher();
    if (original == null) {
      return Outcome.of(ProblemState.SKIPPED, "the problem has no teacher CoT");
    }
    StoredSteps stored =
        run.withStoredSteps().contains(problem.id())
            ? revisions.storedSteps(run.runId(), problem.id())
            : StoredSteps.NONE;
    Work work = new Work(run, problem, stored, new ArrayList<>());
    Critique critique = critique(work, original, new StepKey(run.runId(), CRITIQUE, 0));
    Outcome outcome =
        switch (critique.verdict()) {
          case MEDIUM -> fitting(work, original);
          case EASY, HARD -> misfitted(work, original, critique.verdict());
        };
    return outcome.withPairs(work.pairs());
  }

  /**
   * One problem being processed: its run, what the run had stored for it when the run (re)started,
   * and the pairs found so far, stored with its outcome.
   */
  private record Work(RunContext run, Problem problem, StoredSteps stored, List<NewPair> pairs) {
    long runId() {
      return run.runId();
    }

    RunConfig config() {
      return run.config();
    }
  }

  private Outcome fitting(Work work, Revision original) {
    Verification verified = verify(work, original, new StepKey(work.runId(), VERIFY_ORIGINAL, 0));
    if (!verified.correct()) {
      return Outcome.of(
          ProblemState.REJECTED,
          "the MEDIUM original failed verification (answer " + verified.extractedAnswer() + ")");
    }
    String note = null;
    try {
      calibrate(work, original);
    } catch (RunCancelledException e) {
      throw e;
    } catch (RuntimeException e) {
      note = "no CALIBRATE variant: " + e.getMessage();
    }
    String perturbNote = perturbed(work, original);
    return Outcome.verified(original.id(), note == null ? perturbNote : note);
  }

  /**
   * A misfitted variant of a fitting CoT: simplified for a stronger student (over-terse for ours),
   * else extended for a weaker one (over-long). A correct variant the critic no longer finds MEDIUM
   * is the rejected side of a CALIBRATE pair; an incorrect one, of a CORRECT pair.
   */
  private void calibrate(Work work, Revision original) {
    StudentProfile student = work.config().profile();
    Verdict[] verdicts = {Verdict.HARD, Verdict.EASY};
    StudentProfile[] profiles = {stronger(student), weaker(student)};
    RuntimeException failure = null;
    for (int attempt = 0; attempt < verdicts.length; attempt++) {
      Revision variant;
      try {
        variant =
            rethink(
                work,
                original,
                verdicts[attempt],
                profiles[attempt],
                new StepKey(work.runId(), VARIANT, attempt));
      } catch (RunCancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        failure = e;
        continue;
      }
      if (sameText(variant, original)) {
        continue;
      }
      Verification check =
          verify(work, variant, new StepKey(work.runId(), VERIFY_VARIANT, attempt));
      if (!check.correct()) {
        pair(work, MiniTask.CORRECT, original, variant);
        return;
      }
      Critique fit = critique(work, variant, new StepKey(work.runId(), CRITIQUE_VARIANT, attempt));
      if (fit.verdict() != Verdict.MEDIUM) {
        pair(work, MiniTask.CALIBRATE, original, variant);
        return;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A student who does three times as many operations per step in as few steps as possible. */
  static StudentProfile stronger(StudentProfile student) {
    return new StudentProfile(
        Math.min(STRONGER_MAX_OPERATIONS, student.maxOperationsPerStep() * 3),
        student.maxOperandDigits(),
        1,
        1);
  }

  /** A student who needs one operation per step and more steps than ours tolerates. */
  static StudentProfile weaker(StudentProfile student) {
    int minSteps = Math.min(WEAKER_MAX_MIN_STEPS, student.maxSteps() + 1);
    return new StudentProfile(
        1, student.maxOperandDigits(), minSteps, Math.min(WEAKER_MAX_STEPS, 2 * minSteps));
  }

  /**
   * Rethinks a misfitted original until a rewrite is verified and fits the student. A correct
   * rewrite the critic still finds misfitted is kept (with its critique) and is what the next
   * attempt rethinks, by its own verdict; after an incorrect rewrite the next attempt starts from
   * the original again.
   */
  private Outcome misfitted(Work work, Revision original, Verdict verdict) {
    List<Revision> failed = new ArrayList<>();
    Revision parent = original;
    Verdict parentVerdict = verdict;
    Revision correctMisfit = null;
    String stopped = null;
    int attempts = work.config().maxRethinkAttempts();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Revision rewrite;
      try {
        rewrite = rethink(work, parent, parentVerdict, new StepKey(work.runId(), RETHINK, attempt));
      } catch (NothingToRewriteException e) {
        if (attempt == 1) {
          return Outcome.of(
              ProblemState.REJECTED, "the " + verdict + " original: " + e.getMessage());
        }
        stopped = "; stopped at attempt " + attempt + ": " + e.getMessage();
        break;
      } catch (AgentException e) {
        if (parent == original) {
          throw e;
        }
        stopped = "; rethinking the misfitted rewrite failed: " + e.getMessage();
        break;
      }
      Verification check = verify(work, rewrite, new StepKey(work.runId(), VERIFY, attempt));
      if (!check.correct()) {
        failed.add(rewrite);
        parent = original;
        parentVerdict = verdict;
        continue;
      }
      Critique fit = critique(work, rewrite, new StepKey(work.runId(), CRITIQUE_REWRITE, attempt));
      if (fit.verdict() != Verdict.MEDIUM) {
        correctMisfit = correctMisfit == null ? rewrite : correctMisfit;
        parent = rewrite;
        parentVerdict = fit.verdict();
        continue;
      }
      Verification originalCheck =
          verify(work, original, new StepKey(work.runId(), VERIFY_ORIGINAL, 0));
      if (!sameText(rewrite, original)) {
        pair(work, originalCheck.correct() ? MiniTask.ALIGN : MiniTask.CORRECT, rewrite, original);
      }
      failed.forEach(wrong -> pair(work, MiniTask.CORRECT, rewrite, wrong));
      String perturbNote = perturbed(work, rewrite);
      String note =
          originalCheck.correct() ? null : "the " + verdict + " original failed verification";
      if (attempt > 1) {
        note = (note == null ? "" : note + "; ") + "fitting rewrite at attempt " + attempt;
      }
      return Outcome.verified(rewrite.id(), note == null ? perturbNote : note);
    }
    Verification originalCheck =
        verify(work, original, new StepKey(work.runId(), VERIFY_ORIGINAL, 0));
    Revision chosen = originalCheck.correct() ? original : correctMisfit;
    if (chosen != null) {
      failed.forEach(wrong -> pair(work, MiniTask.CORRECT, chosen, wrong));
      if (!originalCheck.correct() && !sameText(chosen, original)) {
        pair(work, MiniTask.CORRECT, chosen, original);
      }
    }
    return Outcome.of(
        ProblemState.REJECTED,
        (correctMisfit == null
                ? "no " + verdict + " rewrite verified in " + attempts + " attempts"
                : "no verified rewrite fitted the student in " + attempts + " attempts")
            + (stopped == null ? "" : stopped));
  }

  /**
   * A PERTURBED copy of a verified CoT (a wrong value carried to the answer, seeded by the problem
   * id), verified, and paired under CORRECT if the verifier rejects it. A failure here does not
   * undo the verified result: it comes back as a note.
   */
  private String perturbed(Work work, Revision verified) {
    if (!work.config().perturb()) {
      return null;
    }
    try {
      perturb(work, verified);
      return null;
    } catch (RunCancelledException e) {
      throw e;
    } catch (RuntimeException e) {
      return "no PERTURBED pair: " + e.getMessage();
    }
  }

  private void perturb(Work work, Revision verified) {
    StepKey key = new StepKey(work.runId(), PERTURB, 0);
    Optional<Revision> stored = work.stored().revision(key);
    Revision perturbed;
    if (stored.isPresent()) {
      perturbed = stored.get();
    } else {
      long started = clock.millis();
      String text;
      try {
        text = CotPerturber.perturb(verified.text(), work.problem().id());
      } catch (IllegalArgumentException e) {
        return;
      }
      AgentCall call =
          new AgentCall(
              "perturber",
              Backends.DEFAULT_BACKEND,
              PERTURBER_MODEL,
              clock.millis() - started,
              null,
              null,
              null);
      perturbed =
          revisions.append(
              new NewRevision(
                  work.problem().id(), verified.id(), RevisionOrigin.PERTURBED, text, call),
              key);
    }
    if (sameText(perturbed, verified)) {
      return;
    }
    Verification check = verify(work, perturbed, new StepKey(work.runId(), VERIFY_PERTURBED, 0));
    if (!check.correct()) {
      pair(work, MiniTask.CORRECT, verified, perturbed);
    }
  }

  private Critique critique(Work work, Revision revision, StepKey key) {
    return work.stored()
        .critique(revision.id(), key)
        .orElseGet(
            () -> {
              checkCancelled(work.run());
              var response =
                  work.run()
                      .critic()
                      .critique(
                          new CritiqueRequest(
                              work.problem().question(), revision.text(), work.config().profile()));
              return revisions.appendCritique(revision.id(), response, key);
            });
  }

  private Revision rethink(Work work, Revision parent, Verdict verdict, StepKey key) {
    return rethink(work, parent, verdict, work.config().profile(), key);
  }

  private Revision rethink(
      Work work, Revision parent, Verdict verdict, StudentProfile profile, StepKey key) {
    return work.stored()
        .revision(key)
        .orElseGet(
            () -> {
              checkCancelled(work.run());
              RethinkResponse response =
                  work.run()
                      .rethinker()
                      .rethink(
                          new RethinkRequest(
                              work.problem().question(), parent.text(), verdict, profile));
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
                      work.problem().id(), parent.id(), origin, response.cot(), response.call()),
                  key);
            });
  }

  private Verification verify(Work work, Revision revision, StepKey key) {
    return work.stored()
        .verification(revision.id(), key)
        .orElseGet(
            () -> {
              checkCancelled(work.run());
              var response =
                  work.run()
                      .verifier()
                      .verify(
                          new VerificationRequest(
                              work.problem().question(),
                              work.problem().goldAnswer(),
                              revision.text()));
              return revisions.appendVerification(revision.id(), response, key);
            });
  }

  private void pair(Work work, MiniTask task, Revision chosen, Revision rejected) {
    work.pairs().add(new NewPair(task, chosen.id(), rejected.id(), work.config().beta(task)));
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
