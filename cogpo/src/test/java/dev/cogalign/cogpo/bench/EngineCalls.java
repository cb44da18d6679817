package dev.cogalign.cogpo.bench;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the engine operations a piece of work runs, with PyTorch's own profiler (DJL's {@code
 * JniUtils.startProfile}): every top-level operator event of the trace (one not nested in another
 * on its thread) is one call from Java into the engine, or one node of a backward pass. Nested
 * events (an {@code aten::linear} calling {@code aten::addmm}) are not counted again.
 *
 * <p>A benchmark tool, not a test: profiling slows every op down, so time nothing while it runs.
 */
public final class EngineCalls {

  /** Operations by name, and their total. */
  public record Count(int total, Map<String, Integer> byName) {
    /** The {@code top} most frequent names with their counts. */
    public String top(int top) {
      return byName.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(top)
          .map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
    }
  }

  private EngineCalls() {}

  /** Runs {@code work} under the profiler and counts its top-level engine operations. */
  public static Count of(Runnable work) {
    Runnable started = start();
    try {
      work.run();
    } catch (RuntimeException e) {
      started.run();
      throw e;
    }
    return stop(started);
  }

  /** Starts the profiler (on every thread); returns what stops it without counting. */
  public static Runnable start() {
    JniUtils.startProfile(false, false, false);
    return () -> {
      try {
        Path trace = Files.createTempFile("engine-calls", ".json");
        JniUtils.stopProfile(trace.toString());
        Files.deleteIfExists(trace);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** Stops the profiler started by {@link #start()} and counts what ran since. */
  public static Count stop(Runnable started) {
    try {
      Path trace = Files.createTempFile("engine-calls", ".json");
      try {
        JniUtils.stopProfile(trace.toString());
        String keep = System.getProperty("engine.calls.trace"); // a copy to read, when asked
        if (keep != null) {
          Files.copy(trace, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return count(JsonMapper.builder().build().readTree(trace.toFile()));
      } finally {
        Files.deleteIfExists(trace);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Event(long tid, double start, double end, String name) {}

  static Count count(JsonNode trace) {
    JsonNode events = trace.isArray() ? trace : trace.get("traceEvents");
    List<Event> ops = new ArrayList<>();
    for (JsonNode e : events) {
      if ("X".equals(e.path("ph").asString()) && e.has("dur")) {
        double ts = e.get("ts").asDouble();
        String cat = e.path("cat").asString();
        if (cat.isEmpty() || cat.equals("cpu_op") || cat.equals("Operator")) {
          ops.add(new Event(e.path("tid").asLong(), ts, ts + e.get("dur").asDouble(), name(e)));
        }
      }
    }
    ops.sort(
        Comparator.comparingLong(Event::tid)
            .thenComparingDouble(Event::start)
            .thenComparing(Comparator.comparingDouble(Event::end).reversed()));
    Map<String, Integer> byName = new TreeMap<>();
    int total = 0;
    long tid = Long.MIN_VALUE;
    double openEnd = Double.NEGATIVE_INFINITY;
    for (Event e : ops) {
      if (e.tid() != tid) {
        tid = e.tid();
        openEnd = Double.NEGATIVE_INFINITY;
      }
      if (e.start() >= openEnd) { // not inside the last top-level event
        byName.merge(e.name(), 1, Integer::sum);
        total++;
        openEnd = e.end();
      }
    }
    return new Count(total, byName);
  }

  private static String name(JsonNode e) {
    return e.path("name").asString();
  }
}
