package dev.cogalign.crv.agent;

/** Extends a too-terse CoT or simplifies a too-hard one, keeping its answer. */
public interface Rethinker {
  RethinkResponse rethink(RethinkRequest request);
}
