package dev.cogalign.cogpo.train.reference;

import dev.cogalign.cogpo.train.TrainException;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reference log-probs computed once and kept on disk, so that later runs against the same reference
 * skip its forward passes.
 *
 * <p>An entry's key is SHA-256 of (reference weights, tokenizer, the pair's token ids): the model
 * key hashes the reference folder's weight, config and tokenizer files; the pair key adds the
 * prompt, chosen and rejected ids after truncation. Entries of one reference live in {@code
 * <dir>/<model key>.tsv}, one line per pair: {@code <pair key> <chosen> <rejected>}, the floats as
 * their exact bits in hex, so a cached value equals the computed one bit for bit.
 */
public final class ReferenceLogProbCache {

  /** Files of a Hugging Face folder that decide the reference's outputs. */
  private static final List<String> KEY_FILE_SUFFIXES =
      List.of(".safetensors", "model.safetensors.index.json", "config.json", "tokenizer.json");

  private final Path file;
  private final String modelKey;
  private final Map<String, float[]> entries = new HashMap<>();
  private int hits;
  private int misses;

  private ReferenceLogProbCache(Path file, String modelKey) {
    this.file = file;
    this.modelKey = modelKey;
  }

  /** Opens (or starts) the cache of the reference in {@code referenceDir} under {@code dir}. */
  public static ReferenceLogProbCache open(Path dir, Path referenceDir) {
    String key = modelKey(referenceDir);
    ReferenceLogProbCache cache = new ReferenceLogProbCache(dir.resolve(key + ".tsv"), key);
    cache.load();
    return cache;
  }

  /** SHA-256 over the names and bytes of the folder's weight, config and tokenizer files. */
  public static String modelKey(Path referenceDir) {
    MessageDigest digest = sha256();
    try (Stream<Path> files = Files.list(referenceDir)) {
      List<Path> keyFiles =
          files
              .filter(f -> KEY_FILE_SUFFIXES.stream().anyMatch(s -> f.toString().endsWith(s)))
              .sorted()
              .toList();
      if (keyFiles.isEmpty()) {
        throw new TrainException("no weights or config in reference folder " + referenceDir);
      }
      byte[] buffer = new byte[1 << 20];
      for (Path f : keyFiles) {
        digest.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(f)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash reference folder " + referenceDir, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 of the model key and the pair's prompt, chosen and rejected ids. */
  public String pairKey(TokenizedPair pair) {
    MessageDigest digest = sha256();
    digest.update(modelKey.getBytes(StandardCharsets.UTF_8));
    for (int[] ids : new int[][] {pair.promptIds(), pair.chosenIds(), pair.rejectedIds()}) {
      ByteBuffer b = ByteBuffer.allocate(4 + 4 * ids.length);
      b.putInt(ids.length);
      for (int id : ids) {
        b.putInt(id);
      }
      digest.update(b.array());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The cached (chosen, rejected) reference log-probs of the pair, counting hits and misses. */
  public Optional<float[]> get(TokenizedPair pair) {
    float[] v = entries.get(pairKey(pair));
    if (v == null) {
      misses++;
      return Optional.empty();
    }
    hits++;
    return Optional.of(v.clone());
  }

  /**
   * Stores and appends to disk the pair's reference log-probs. The line goes out in one {@code
   * write} on a file opened for appending, so lines of jobs writing the same cache at once (other
   * replicas on a shared volume) never interleave.
   */
  public void put(TokenizedPair pair, float chosen, float rejected) {
    String key = pairKey(pair);
    if (entries.putIfAbsent(key, new float[] {chosen, rejected}) != null) {
      return;
    }
    byte[] line =
        (key + "\t" + bits(chosen) + "\t" + bits(rejected) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write reference cache " + file, e);
    }
  }

  /**
   * Reads every complete line. A last line without its newline is an append still in progress (or
   * cut short by a crash): it is left out, and its pair is scored again, rather than read as a
   * truncated number.
   */
  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference cache " + file, e);
    }
    String complete = text.substring(0, text.lastIndexOf('\n') + 1);
    int line = 0;
    for (String row : complete.split("\n")) {
      line++;
      if (row.isEmpty()) {
        continue;
      }
      String[] f = row.split("\t");
      float[] v = f.length == 3 ? parse(f[1], f[2]) : null;
      if (v == null) {
        throw new TrainException("reference cache " + file + " line " + line + " is malformed");
      }
      entries.put(f[0], v);
    }
  }

  /** Both values from their bits in hex, or null unless both are finite floats. */
  private static float[] parse(String chosen, String rejected) {
    try {
      float[] v = {fromBits(chosen), fromBits(rejected)};
      return Float.isFinite(v[0]) && Float.isFinite(v[1]) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String bits(float v) {
    return Integer.toHexString(Float.floatToRawIntBits(v));
  }

  private static float fromBits(String hex) {
    return Float.intBitsToFloat(Integer.parseUnsignedInt(hex, 16));
  }

  public Path file() {
    return file;
  }

  public String modelKey() {
    return modelKey;
  }

  public int size() {
    return entries.size();
  }

  public int hits() {
    return hits;
  }

  public int misses() {
    return misses;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
