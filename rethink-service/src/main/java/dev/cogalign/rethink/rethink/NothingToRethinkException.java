package dev.cogalign.rethink.rethink;

import dev.cogalign.agentweb.error.InvalidFieldException;
import dev.cogalign.crv.agent.Verdict;

/** The verdict asks for no rewrite (MEDIUM): only EASY and HARD CoTs are rethought. */
class NothingToRethinkException extends InvalidFieldException {
  private final Verdict verdict;

  NothingToRethinkException(Verdict verdict) {
    super(
        "verdict",
        "verdict " + verdict + " needs no rethink; send EASY (extend) or HARD (simplify)");
    this.verdict = verdict;
  }

  Verdict verdict() {
    return verdict;
  }
}
