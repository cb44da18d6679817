package dev.cogalign.agentllm;

/** A model answer the agent cannot use; the agent asks again, naming the reason. */
final class MalformedAnswerException extends RuntimeException {
  MalformedAnswerException(String reason) {
    super(reason);
  }
}
