package dev.cogalign.launcher;

/** The cogalign command line. */
public final class CogAlignCli {
  public static void main(String[] args) {}
}
