package dev.cogalign.trainer.model;

import java.util.List;

/** One page of models, newest first; {@code nextCursor} is null on the last page. */
public record ModelPage(List<ModelView> items, String nextCursor) {}
