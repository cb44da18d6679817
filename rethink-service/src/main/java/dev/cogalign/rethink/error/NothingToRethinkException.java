package dev.cogalign.rethink.error;

import dev.cogalign.crv.agent.Verdict;

/** The verdict asks for no rewrite (MEDIUM): only EASY and HARD CoTs are rethought. */
public class NothingToRethinkException extends RethinkServiceException {
  private final Verdict verdict;

  public NothingToRethinkException(Verdict verdict) {
    super("verdict " + verdict + " needs no rethink; send EASY (extend) or HARD (simplify)");
    this.verdict = verdict;
  }

  public Verdict verdict() {
    return verdict;
  }
}
