package dev.cogalign.trainer.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode is per thread and on by default in every thread but the one that loaded the
 * engine, where DJL turns it off. cogpo expects it off outside its gradient collectors (its
 * optimizers update the parameters in place), so every service thread that runs the model turns it
 * off first.
 */
public final class GradMode {
  private GradMode() {}

  public static void offOnThisThread() {
    Engine.getInstance();
    JniUtils.setGradMode(false);
  }
}
