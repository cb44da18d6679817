package dev.cogalign.launcher.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a scenario that drives the platform through the gateway prints (numbered sections, indented
 * lines, flushed at once), and how it waits between two polls of a run, a job or an experiment.
 */
public final class ScenarioConsole {

  private final PrintWriter out;
  private final Clock clock;
  private final Duration poll;

  public ScenarioConsole(PrintWriter out, Clock clock, Duration poll) {
    this.out = out;
    this.clock = clock;
    this.poll = poll;
  }

  public void section(String title) {
    out.println();
    out.println("== " + title);
    out.flush();
  }

  public void say(String format, Object... args) {
    out.println("  " + String.format(format, args));
    out.flush();
  }

  /** Waits one poll interval, or fails naming {@code what} once {@code deadline} has passed. */
  public void waitOrGiveUp(Instant deadline, Duration timeout, String what) {
    if (clock.instant().isAfter(deadline)) {
      throw new DemoException(what + " did not finish within " + timeout);
    }
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while waiting for " + what, e);
    }
  }

  public static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DemoException("cannot create " + dir, e);
    }
  }
}
