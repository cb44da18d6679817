package dev.cogalign.trainer.job;

import dev.cogalign.cogpo.train.data.PromptFormat;

/** An EVAL job's effective options. */
public record EvalSettings(int maxNewTokens, int batchSize, int limit, PromptFormat promptFormat) {}
