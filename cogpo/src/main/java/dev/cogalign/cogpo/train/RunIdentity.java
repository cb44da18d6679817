package dev.cogalign.cogpo.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What makes a checkpoint belong to a run: the method, the learning-rate schedule, the betas per
 * mini-task, the data and the order it is read in. Saved in every checkpoint; resuming with any of
 * them changed is refused, naming what differs, since the result would be neither run.
 *
 * @param betas the beta per mini-task of the pairs as the run reads them (empty for SFT)
 * @param dataSha256 hex SHA-256 of the data file's bytes
 * @param groupByLength whether batches group rows of similar length (another order of the data)
 */
public record RunIdentity(
    String method,
    double learningRate,
    int warmupSteps,
    int totalSteps,
    Map<String, Double> betas,
    String dataSha256,
    boolean groupByLength) {

  public RunIdentity {
    betas = betas == null ? Map.of() : Map.copyOf(new TreeMap<>(betas));
  }

  /** What differs from {@code other} (the checkpoint's), in words; empty when nothing does. */
  public List<String> differences(RunIdentity other) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(method, other.method)) {
      out.add("method " + other.method + " (this run: " + method + ")");
    }
    if (learningRate != other.learningRate
        || warmupSteps != other.warmupSteps
        || totalSteps != other.totalSteps) {
      out.add(
          "learning-rate schedule "
              + other.learningRate
              + " with "
              + other.warmupSteps
              + " warm-up steps over "
              + other.totalSteps
              + " (this run: "
              + learningRate
              + ", "
              + warmupSteps
              + ", "
              + totalSteps
              + ")");
    }
    if (!betas.equals(other.betas)) {
      out.add("betas " + other.betas + " (this run: " + betas + ")");
    }
    if (!Objects.equals(dataSha256, other.dataSha256)) {
      out.add("data sha256 " + other.dataSha256 + " (this run: " + dataSha256 + ")");
    }
    if (groupByLength != other.groupByLength) {
      out.add("group by length " + other.groupByLength + " (this run: " + groupByLength + ")");
    }
    return out;
  }

  /** Hex SHA-256 of a file. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
