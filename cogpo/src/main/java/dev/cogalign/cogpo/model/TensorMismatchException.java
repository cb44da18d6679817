package dev.cogalign.cogpo.model;

import dev.cogalign.cogpo.CogpoException;

/** A checkpoint tensor is missing, unexpected, or of the wrong shape or dtype; names the tensor. */
public class TensorMismatchException extends CogpoException {

  private final String tensor;

  public TensorMismatchException(String tensor, String message) {
    super("tensor '" + tensor + "': " + message);
    this.tensor = tensor;
  }

  public String tensor() {
    return tensor;
  }
}
